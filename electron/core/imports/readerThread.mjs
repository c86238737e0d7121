// The import's reader thread when the core runs from its TypeScript sources (tests, `npm run cli` through tsx):
// a worker thread does not get tsx's loader from its process, so it registers tsx's require hook here (the
// sources are CommonJS, as package.json says), then runs the real entry.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
createRequire(import.meta.url)('./readerThread.ts');
