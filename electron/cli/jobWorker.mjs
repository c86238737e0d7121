// The core's job worker under `npm run cli`, which runs TypeScript through tsx: a worker thread does not get
// tsx's loader from its process, so it registers it here, then runs the worker's real entry (host/jobWorker.ts).
import { register } from 'tsx/esm/api';

register();
await import('../core/host/jobWorker.ts');
