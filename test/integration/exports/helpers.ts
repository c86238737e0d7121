import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { ExportFiltersInput, ExportResult, ExportTemplate } from '../../../shared/api/exports';
import type { JobStatus } from '../../../shared/api/jobs';

type Client = ReturnType<Core['createClient']>;

export async function call<T>(client: Client, name: string, input: unknown): Promise<T> {
  const r = await client.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

export async function templateByKey(client: Client, key: string): Promise<ExportTemplate> {
  const list = await call<ExportTemplate[]>(client, 'exports.templates', {});
  const t = list.find((x) => x.key === key);
  if (!t) throw new Error(`no template ${key}`);
  return t;
}

/** Runs an export through the API like the screen does and opens the produced file. */
export async function exportFile(core: Core, client: Client, templateId: number, filters: ExportFiltersInput = {}) {
  const job = await call<JobStatus<ExportResult>>(client, 'exports.run', { templateId, filters });
  const done = (await core.services.jobs.wait(job.id)) as JobStatus<ExportResult>;
  expect(done.error).toBeNull();
  expect(done.state).toBe('done');
  const ref = core.services.outbox.get(done.result!.file.id);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(ref.path);
  return { wb, path: ref.path, result: done.result!, ws: wb.worksheets[0]! };
}

export function rowTexts(ws: ExcelJS.Worksheet, row: number): (string | number | null)[] {
  const out: (string | number | null)[] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const v = ws.getCell(row, c).value;
    out.push(v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : (v as string | number));
  }
  return out;
}

/** The first row whose column `col` holds `text`. */
export function findRow(ws: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === text) return r;
  throw new Error(`no row with ${text} in column ${col}`);
}

/** The workbook part (sheets, defined names) of an .xlsx. */
export function workbookXml(path: string): string {
  return execFileSync('unzip', ['-p', path, 'xl/workbook.xml']).toString('utf8');
}

export function sheetXml(path: string): string {
  return execFileSync('unzip', ['-p', path, 'xl/worksheets/sheet1.xml'], { maxBuffer: 512 * 1024 * 1024 }).toString('utf8');
}
