import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, parseCsvLine, parseReport } from '../../../scripts/electronegativity-check';
import { ROOT } from '../../helpers/webApp';

const REPORT = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'CSP_GLOBAL_CHECK,"LOW","TENTATIVE","shell/security.ts","29:6",N/A,"Failed to parse CSP, it may not be valid.",https://x',
  'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","shell/window.ts","32:17","const w = new BrowserWindow({ a: ""b"" });","Review the use of the contextIsolation option",https://x',
  'NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","shell/other.ts","3:1","new BrowserWindow({ nodeIntegration: true })","Disable nodeIntegration",https://x',
].join('\n');

describe('security:scan report reading', () => {
  it('reads quoted CSV fields, including commas and doubled quotes', () => {
    expect(parseCsvLine('A,"b, c","say ""hi""",N/A')).toEqual(['A', 'b, c', 'say "hi"', 'N/A']);
    const findings = parseReport(REPORT);
    expect(findings.map((f) => [f.check, f.severity, f.file])).toEqual([
      ['CSP_GLOBAL_CHECK', 'LOW', 'shell/security.ts'],
      ['CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'shell/window.ts'],
      ['NODE_INTEGRATION_JS_CHECK', 'HIGH', 'shell/other.ts'],
    ]);
    expect(findings[1]?.sample).toBe('const w = new BrowserWindow({ a: "b" });');
  });

  it('fails only HIGH/MEDIUM findings that the allow-list does not explain, and names stale entries', () => {
    const allow = [
      { check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'shell/window.ts', reason: 'options come from a function the scanner does not follow' },
      { check: 'SANDBOX_JS_CHECK', file: 'shell/gone.ts', reason: 'a file that no longer exists in the sources' },
    ];
    const result = judge(parseReport(REPORT), allow);
    expect(result.unexplained.map((f) => f.check)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    expect(result.explained.map((f) => f.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK']);
    expect(result.stale.map((a) => a.file)).toEqual(['shell/gone.ts']);
  });

  it('every entry of the real allow-list has a reason', () => {
    const { allow } = JSON.parse(readFileSync(join(ROOT, '.electronegativity/allow.json'), 'utf8')) as { allow: { check: string; file: string; reason: string }[] };
    expect(allow.length).toBeGreaterThan(0);
    for (const a of allow) expect(a.reason.length, `${a.check} ${a.file}`).toBeGreaterThan(40);
  });
});
