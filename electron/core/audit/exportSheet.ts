import { rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { auditActionLabels, auditEntityLabels, type AuditFilter } from '../../../shared/api/audit';
import type { FileRef } from '../../../shared/api/files';
import { putCell, textCell } from '../exports/cells';
import type { Db } from '../db/database';
import { rowsById } from '../db/dialect';
import type { Outbox } from '../files/outbox';
import { applyAuditFilter, toAuditRow } from './queries';
import { describeChange, formatWaktu } from './describe';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Streams the filtered log into a workbook written under a temporary name in the outbox; only a complete
 * file is committed, so a full disk or a crash leaves nothing that looks finished.
 */
export async function writeAuditSheet(db: Db, outbox: Outbox, filter: AuditFilter, fileName: string): Promise<{ file: FileRef; rows: number }> {
  const slot = outbox.reserve(fileName, XLSX_MIME);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: slot.tempPath, useStyles: true });
  const sheet = workbook.addWorksheet('Log Audit', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'No', width: 7 },
    { header: 'Waktu', width: 18 },
    { header: 'Pengguna', width: 16 },
    { header: 'Tindakan', width: 18 },
    { header: 'Data', width: 16 },
    { header: 'ID', width: 12 },
    { header: 'Sebelum', width: 50 },
    { header: 'Sesudah', width: 50 },
    { header: 'Catatan', width: 30 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let n = 0;
  try {
    // The log as it stands when the export starts (entries written meanwhile, e.g. this export's own, stay out).
    const last = (await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0;
    const page = (after: number, limit: number) => applyAuditFilter(db, filter).selectAll().where('id', '>', after).where('id', '<=', last).orderBy('id').limit(limit).execute();
    for await (const raw of rowsById(page)) {
      const row = toAuditRow(raw);
      n += 1;
      const change = describeChange(row.before, row.after);
      const excelRow = sheet.addRow([]);
      const values = [
        { value: n },
        textCell(formatWaktu(row.at)),
        textCell(row.username ?? '(sistem)'),
        textCell(auditActionLabels[row.action] ?? row.action),
        textCell(auditEntityLabels[row.entity] ?? row.entity),
        textCell(row.entityId),
        textCell(change.before),
        textCell(change.after),
        textCell(row.note),
      ];
      values.forEach((v, i) => putCell(excelRow.getCell(i + 1), v));
      excelRow.commit();
    }
    await workbook.commit();
  } catch (error) {
    rmSync(slot.tempPath, { force: true });
    throw error;
  }
  return { file: slot.commit(), rows: n };
}
