/** `npm run cli -- <command>`: the same main-side code as the app, from a terminal, through the same contract calls. */
import { resolve } from 'node:path';
import { tsxCoreScripts } from './api';
import { runCli } from './run';

runCli(
  process.argv.slice(2),
  { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) },
  resolve(__dirname, '../../resources'),
  // The core (and the job worker reading a picked sheet) in its own process, as in the app.
  { fork: tsxCoreScripts() },
).then((code) => process.exit(code));
