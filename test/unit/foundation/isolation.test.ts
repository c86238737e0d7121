/**
 * Test files share their worker's loaded modules (vitest.config.ts): a file that replaces a module with vi.mock
 * must be one of those that run isolated, or it would get the real module another file loaded before it, and
 * pass or fail by the order files happen to run in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCKING } from '../../../vitest.config';
import { ROOT } from '../../helpers/webApp';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [relative(ROOT, path)] : [];
  });
}

/** The two shapes MOCKING is written in: a folder's test files (`dir/**\/*.test.ts`) or one file. */
const FOLDER = '**/*.test.ts';
const matches = (pattern: string, file: string) => (pattern.endsWith(FOLDER) ? file.startsWith(pattern.slice(0, -FOLDER.length)) && file.endsWith('.test.ts') : file === pattern);

describe('test isolation', () => {
  const files = testFiles(join(ROOT, 'test'));
  const mocking = files.filter((f) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(join(ROOT, f), 'utf8')));

  it('every file that mocks a module runs isolated', () => {
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.filter((f) => !MOCKING.some((p) => matches(p, f)))).toEqual([]);
  });

  it('only files that mock run isolated: the others keep the time sharing saves', () => {
    for (const pattern of MOCKING) {
      const named = files.filter((f) => matches(pattern, f));
      expect(named.length, pattern).toBeGreaterThan(0);
      expect(named.filter((f) => !mocking.includes(f)), pattern).toEqual([]);
    }
  });
});
