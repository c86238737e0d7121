/**
 * Issue 13: the hostile files (1–2 MB that inflate to 0.7–2 GB, or a reference outside the grid) each end with
 * a clear ImportReadError at under 300 MB peak RSS. Each is read by openSource() in its own child process (peak
 * RSS is the child's own); a child still running after 15 s is killed and fails the test. How fast each ends
 * (target 5 s): `npm run bench hostile`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noDatabase } from '../../helpers/engines';
import { DIRECTORY_BOMBS, HOSTILE_CASES, readInChild, writeBombInChild } from '../../helpers/hostileChild';
import { writeHostile } from '../../helpers/hostileXlsx';
import { tempDir } from '../../helpers/xlsx';

describe.skipIf(noDatabase('hostile xlsx files read in a child process'))('hostile xlsx files end with a clear error and stay small', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('dinsos-hostile-');
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  for (const c of HOSTILE_CASES) {
    it(`${c.kind}${c.lie ? ' (stated size a lie)' : ''} → ${c.code}`, async () => {
      const file = path.join(dir, `${c.kind}${c.lie ? '-lie' : ''}.xlsx`);
      const size = await writeHostile(file, c.kind, { lie: c.lie });
      expect(size).toBeLessThan(2.5 * 1024 * 1024);
      const r = await readInChild(file);
      await fs.rm(file);
      expect(r.code).toBe(c.code);
      expect(r.message).toContain(path.basename(file));
      expect(r.maxRssMb).toBeLessThan(300);
    }, 30_000);
  }

  // The zip's central directory as the attack (read by unzipper whole before any limit above applied).
  for (const c of DIRECTORY_BOMBS) {
    it(`central directory: ${c.kind} → ${c.code}`, async () => {
      const file = path.join(dir, `${c.kind}.xlsx`);
      await writeBombInChild(file, c.kind);
      const r = await readInChild(file);
      await fs.rm(file);
      expect(r.code).toBe(c.code);
      expect(r.message).toContain(path.basename(file));
      expect(r.message).toContain(c.says);
      expect(r.maxRssMb).toBeLessThan(300);
    }, 60_000);
  }
});
