/**
 * A large sheet with many rejected rows: the pipeline keeps only PREVIEW_ROW_LIMIT rows for the screen (the
 * counts stay exact), and the rejected-rows file, written from the spool on disk, still has every rejected row.
 */
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../electron/core/imports/pipeline';
import { writeRejectedFile } from '../../../electron/core/imports/rejectedFile';
import { PREVIEW_ROW_LIMIT } from '../../../shared/api/imports';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { tempDir, writeLargeXlsx } from '../../helpers/xlsx';

// Half of them rejected: more than the PREVIEW_ROW_LIMIT (5,000) rows the screen keeps.
const ROWS = 12_000;

describe('a large sheet with many rejected rows', () => {
  it('keeps a bounded sample of rows in memory, exact counts, and every rejected row in the file', async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      await setUpOffice(core);
      const dir = await tempDir('dinsos-bounded-');
      const rows: (string | number)[][] = [[...DTKS_HEADERS]];
      const rejectedRows: number[] = [];
      const nikCol = DTKS_HEADERS.indexOf('NIK');
      for (const k of makeFamilies(ROWS, 11)) {
        for (const a of k.anggota) {
          if (rows.length > ROWS) break;
          const r = dtksRow(k, a, rows.length);
          // Every second row's NIK is cut short: rejected (6,000 rows, more than the preview keeps).
          if (rows.length % 2 === 0) {
            r[nikCol] = a.nik.slice(0, 12);
            rejectedRows.push(rows.length + 1); // sheet row number (the header is row 1)
          }
          rows.push(r);
        }
      }
      const path = await writeLargeXlsx(join(dir, 'dtks besar.xlsx'), DTKS_HEADERS, ROWS, (i) => rows[i + 1]!);
      const workDir = join(dir, 'work');
      mkdirSync(workDir);

      const result = await runImport({
        db: core.db,
        regions: await core.services.regions(),
        officeKabKota: '62.02',
        session: null,
        path,
        fileName: 'dtks besar.xlsx',
        sha256: 'x',
        duplicateMode: 'merge',
        commit: false,
        now: new Date('2024-06-01T03:00:00Z'),
        workDir,
      });
      expect(result.counts.dataRows).toBe(ROWS);
      expect(result.counts.rejected).toBe(rejectedRows.length);
      expect(rejectedRows.length).toBeGreaterThan(PREVIEW_ROW_LIMIT);
      expect(result.rows).toHaveLength(PREVIEW_ROW_LIMIT);
      expect(result.rowsTruncated).toBe(true);
      expect(result.rejected.count).toBe(rejectedRows.length);

      const out = join(dir, 'ditolak.xlsx');
      await writeRejectedFile(out, result.columns, result.rejected.rows(), result.rejected.width);
      const spool = result.rejected.folder!;
      expect(spool.startsWith(workDir)).toBe(true);
      result.rejected.dispose();
      expect(existsSync(spool)).toBe(false);
      expect(readdirSync(workDir)).toEqual([]);

      // Read back with exceljs's streaming reader (the whole-workbook reader is slow on 6,000 rows).
      let barisCol = 0;
      const baris: number[] = [];
      for await (const ws of new ExcelJS.stream.xlsx.WorkbookReader(out, {})) {
        for await (const row of ws) {
          if (row.number === 1) barisCol = (row.values as unknown[]).indexOf('Baris Asal');
          else baris.push(Number(row.getCell(barisCol).value));
        }
      }
      expect(baris).toEqual(rejectedRows);
    } finally {
      await core.close();
    }
  }, 120_000);
});
