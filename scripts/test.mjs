// Runs the whole vitest suite, then the integration suite again on PostgreSQL (issue 18: the same calls, roles,
// scope, audit and features on the office server), and closes with the plain line CI counts: "N passed, N failed".
// Given arguments, only the first pass runs, on those arguments.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';

/**
 * The second pass: the integration suite on PostgreSQL (issue 18: the whole integration suite on both engines, CI
 * under 20 minutes). Every file that writes or reads the database runs in it: imports (an import's checks, writes,
 * cancel, undo and a killed import's rollback on the server) and documents (the handovers printed from the server's
 * rows) included. Files with no database in them (hostile sheets read in a child, the daftar hadir laid out from
 * given rows), tests of what only SQLite has (its file, WAL, one writer) and, to keep the pass short, layout
 * questions the first pass answers (pageRules on A4, the CLI refusing hostile files) skip there with a printed
 * reason (test/helpers/engines.ts). Left out as a whole:
 * - test/integration/postgres: each of those files already runs its PostgreSQL half in the first pass;
 * - test/integration/release: the packaged app, which starts on its one-PC SQLite file.
 */
const LEFT_OUT = ['postgres', 'release'];
// Named folder by folder: a project's own exclude (vitest.config.ts) takes the place of one given on the command line.
const ON_POSTGRES = readdirSync('test/integration', { withFileTypes: true })
  .filter((d) => d.isDirectory() && !LEFT_OUT.includes(d.name))
  .map((d) => `test/integration/${d.name}/`);

/** As test/support/postgres.ts finds it; CI installs PostgreSQL, so there the pass always runs and fails loudly without it. */
function postgresInstalled() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root) && readdirSync(root).some((v) => existsSync(`${root}/${v}/bin/initdb`))) return true;
  return spawnSync('sh', ['-c', 'command -v initdb']).status === 0;
}

const given = process.argv.slice(2);
const passes = [{ name: 'sqlite', args: given, env: {} }];
if (given.length === 0) {
  if (process.env.CI === 'true' || postgresInstalled()) passes.push({ name: 'postgres', args: ON_POSTGRES, env: { DINSOS_TEST_ENGINE: 'postgres' } });
  else console.log('PostgreSQL is not installed here: the integration tests run on SQLite only (Debian: apt-get install postgresql).');
}

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
let code = 0;
const failures = [];
const retried = [];
for (const pass of passes) {
  const report = `test-results/vitest-${pass.name}.json`;
  const retriedFile = `test-results/retried-${pass.name}.json`;
  rmSync(report, { force: true });
  rmSync(retriedFile, { force: true });
  if (pass.name !== 'sqlite') console.log(`\n== the integration tests again, on ${pass.name}: ${pass.args.join(' ')}\n`);
  const run = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, '--reporter=./test/helpers/retriedReporter.ts', ...pass.args],
    { stdio: 'inherit', env: { ...process.env, ...pass.env, DINSOS_TEST_RETRIED_FILE: retriedFile } },
  );
  let passFailed = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests ?? 0;
    passFailed = (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0);
    skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    for (const file of json.testResults ?? []) {
      const where = file.name.replace(`${process.cwd()}/`, '');
      const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const t of tests) failures.push(`${pass.name}: ${where} > ${t.fullName ?? t.title}`);
      if (tests.length === 0 && file.status === 'failed') failures.push(`${pass.name}: ${where} (${(file.message ?? 'failed').split('\n')[0]})`);
    }
  } else {
    passFailed = 1;
  }
  if (existsSync(retriedFile)) retried.push(...JSON.parse(readFileSync(retriedFile, 'utf8')).map((t) => `${pass.name}: ${t}`));
  const passCode = run.status ?? 1;
  if (passCode !== 0 && passFailed === 0) passFailed = 1; // a suite that crashed before reporting still fails the run
  failed += passFailed;
  if (passCode !== 0) code = passCode;
}
// CI keeps only the end of the log: the retried and failed tests are named again just above the closing line.
if (retried.length > 0) console.log(`\nNeeded a retry (they count as passed; each is a fault to find):\n${retried.map((t) => `  ${t}`).join('\n')}`);
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(code);
