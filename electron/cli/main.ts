/** `npm run cli -- <command>`: the same main-side code as the app, from a terminal. */
import { resolve } from 'node:path';
import { runCli } from './run';

runCli(
  process.argv.slice(2),
  { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) },
  resolve(__dirname, '../../resources'),
).then((code) => process.exit(code));
