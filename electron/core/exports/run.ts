/** Runs a template against the database: counts, previews and writes exports. Shared by the API and the CLI. */
import { rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Office } from '../../../shared/api/admin';
import { exportSourceDefs, type ExportFilters, type ExportPreview, type ExportTemplate, type FilterKey, type TemplateColumn, type TemplateDef } from '../../../shared/api/exports';
import { formatAngka, formatRupiah } from '../../../shared/domain/rupiah';
import { formatTanggal, NAMA_BULAN, parseIso } from '../../../shared/domain/tanggal';
import { tanggalKantor } from '../../../shared/domain/zonaWaktu';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions';
import { columnCell, type CellKind } from './cells';
import { sumberDanaLabel } from './sources/common';
import { sources } from './sources';
import type { SourceEnv, SourceRun } from './sources/types';
import { expandColumns, writeWorkbook } from './writer';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Rows per SQLite page. A page's rows and records live until the page is written, so a large page outlives
// several young-generation collections and lands in the old generation as garbage V8 collects late: on 100,000
// rows, 2,000 peaked at 390 MB whole-process, 1,000 at 345 MB, 500 and 250 at 234 MB, at the same CPU time.
const PAGE_SIZE = 500;

export interface ExportDeps {
  db: Kysely<Database>;
  regions: RegionIndex;
  office: Office | null;
  now: Date;
}

function envOf(deps: ExportDeps, template: ExportTemplate, filters: ExportFilters): SourceEnv {
  return {
    db: deps.db,
    regions: deps.regions,
    office: deps.office,
    filters,
    today: tanggalKantor(deps.now, deps.office?.provinsiKode),
    groupBy: template.def.groupBy ?? 'kecamatan',
  };
}

export function openSourceRun(deps: ExportDeps, template: ExportTemplate, filters: ExportFilters): SourceRun {
  return sources[template.def.source].open(envOf(deps, template, filters));
}

const PROGRAM_COLUMN: TemplateColumn = { header: 'Program', field: 'program', width: 18, kind: 'text' };

/**
 * The template as this export writes it. A list of recipients of every programme ("Semua program") says which
 * programme each row is for: a Program column is added after the name (or the number) when the template has none.
 */
export function effectiveDef(def: TemplateDef, filters: ExportFilters): TemplateDef {
  if (def.source !== 'penerimaProgram' || filters.program || def.columns.some((c) => c.field === 'program')) return def;
  const after = Math.max(
    def.columns.findLastIndex((c) => c.field === 'nama' || c.field === 'namaKapital'),
    def.columns.findIndex((c) => c.field === 'no'),
  );
  const columns = [...def.columns];
  columns.splice(after + 1, 0, PROGRAM_COLUMN);
  return { ...def, columns };
}

const filterUsed: Record<FilterKey, (f: ExportFilters) => boolean> = {
  periode: (f) => !!(f.dari || f.sampai),
  wilayah: (f) => !!f.wilayah,
  program: (f) => !!f.program,
  sumberDana: (f) => !!f.sumberDana,
  status: (f) => !!f.status,
  penyerahan: (f) => !!f.penyerahanId,
  opd: (f) => !!f.opd,
};

export function ignoredFilters(template: ExportTemplate, filters: ExportFilters): FilterKey[] {
  const used = exportSourceDefs[template.def.source].filters;
  return (Object.keys(filterUsed) as FilterKey[]).filter((k) => !used.includes(k) && filterUsed[k](filters));
}

function periodeText(f: ExportFilters): string {
  if (f.dari && f.sampai) return `${formatTanggal(f.dari)} s.d. ${formatTanggal(f.sampai)}`;
  if (f.dari) return `sejak ${formatTanggal(f.dari)}`;
  if (f.sampai) return `s.d. ${formatTanggal(f.sampai)}`;
  return 'semua tanggal';
}

/** The year(s) of the chosen period ("2025", "2024–2025"), or null without one. */
function periodYears(f: ExportFilters): string | null {
  const from = parseIso(f.dari)?.year;
  const to = parseIso(f.sampai)?.year;
  if (from && to && from !== to) return `${from}–${to}`;
  return from || to ? String(to ?? from) : null;
}

/** The values of the title placeholders for this export. */
export async function placeholderValues(deps: ExportDeps, run: SourceRun, filters: ExportFilters): Promise<Record<string, string>> {
  const today = tanggalKantor(deps.now, deps.office?.provinsiKode);
  // Month and year are the chosen period's (its end); only without a period are they the day of the export.
  const ymd = parseIso(filters.sampai) ?? parseIso(filters.dari) ?? parseIso(today)!;
  const region = filters.wilayah ? deps.regions.get(filters.wilayah) : null;
  const levelWord: Record<string, string> = { kecamatan: 'Kecamatan', desa: 'Desa', kelurahan: 'Kelurahan' };
  const wilayah = region ? `${levelWord[region.level] ? `${levelWord[region.level]} ` : ''}${region.nama}` : (deps.office?.kabKotaNama ?? '');
  const values: Record<string, string> = {
    kantor: deps.office?.namaInstansi ?? '',
    pemerintah: deps.office?.kopPemerintah ?? '',
    kabupaten: deps.office?.kabKotaNama ?? '',
    provinsi: deps.office?.provinsiNama ?? '',
    periode: periodeText(filters),
    tahun: periodYears(filters) ?? String(ymd.year),
    wilayah,
    program: filters.program ?? 'Semua program',
    sumberDana: filters.sumberDana ? (sumberDanaLabel[filters.sumberDana] ?? filters.sumberDana) : 'Semua sumber dana',
    tanggal: formatTanggal(today),
    bulan: `${NAMA_BULAN[ymd.month - 1]!.toUpperCase()} ${ymd.year}`,
  };
  return { ...values, ...(run.titleValues ? await run.titleValues() : {}) };
}

export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (m, key: string) => values[key] ?? m);
}

const SEPARATOR_BEFORE = /\s*(?:[—–,/-]|\s)\s*$/;
/** Placeholders that name the office's region (or contain its name). */
const REGION_PLACEHOLDERS = new Set(['kantor', 'pemerintah', 'kabupaten', 'provinsi', 'wilayah']);

/**
 * A title row with its placeholders filled, naming a region once: "{kantor} — {kabupaten}" for the Dinas Sosial
 * Kabupaten Kotawaringin Timur is "Dinas Sosial Kabupaten Kotawaringin Timur", and "{kabupaten} — {wilayah}"
 * without a chosen area is the kabupaten alone. A value already written earlier in the row is left out, with
 * the separator before it.
 */
export function fillTitle(text: string, values: Record<string, string>): string {
  // A title in capitals ("DAFTAR PENERIMA {program}") gets its values in capitals: never "DAFTAR PENERIMA Semua program".
  const literal = text.replace(/\{[a-zA-Z]+\}/g, '');
  const capitals = /\p{L}/u.test(literal) && literal === literal.toLocaleUpperCase('id-ID');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\{([a-zA-Z]+)\}/g)) {
    out += text.slice(last, m.index);
    last = m.index + m[0].length;
    const given = values[m[1]!];
    const value = given !== undefined && capitals ? given.toLocaleUpperCase('id-ID') : given;
    if (value === undefined) out += m[0];
    else if (REGION_PLACEHOLDERS.has(m[1]!) && value.trim() !== '' && out.toLocaleLowerCase('id-ID').includes(value.trim().toLocaleLowerCase('id-ID'))) out = out.replace(SEPARATOR_BEFORE, '');
    else out += value;
  }
  return (out + text.slice(last)).replace(/\s+$/, '');
}

/** A file name that is safe on Windows and never a path. */
export function safeFileName(name: string): string {
  const clean = name
    .replace(/[/\\]/g, '-')
    // eslint-disable-next-line no-control-regex
    .replace(/[:*?"<>|\u0000-\u001F]/g, '')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 120);
  return `${clean || 'ekspor'}.xlsx`;
}

/** Formats a cell as the screen shows it (preview). */
function previewText(kind: CellKind, raw: unknown): string {
  const cell = columnCell(kind, raw);
  const v = cell.value;
  if (v === null) return '';
  if (v instanceof Date) return formatTanggal(v.toISOString().slice(0, 10));
  if (typeof v === 'number') {
    if (kind === 'rupiah') return formatRupiah(v);
    if (kind === 'percent') return `${(v * 100).toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`;
    return kind === 'decimal' ? v.toLocaleString('id-ID', { maximumFractionDigits: 2 }) : formatAngka(v);
  }
  return v;
}

export async function previewExport(deps: ExportDeps, template: ExportTemplate, filters: ExportFilters): Promise<ExportPreview> {
  const run = openSourceRun(deps, template, filters);
  const rows = await run.count();
  const groups = run.groups ? await run.groups() : [];
  const def = effectiveDef(template.def, filters);
  const cols = expandColumns(def, groups);
  const fields = new Set(def.columns.map((c) => c.field));
  const sample: string[][] = [];
  if (rows > 0) {
    for await (const page of run.pages(fields, 5)) {
      for (const rec of page.slice(0, 5 - sample.length)) sample.push(cols.map((c) => previewText(c.kind, c.value(rec))));
      if (sample.length >= 5) break;
    }
  }
  return { rows, headers: cols.map((c) => (c.group ? `${c.group} — ${c.header}` : c.header)), sample, ignoredFilters: ignoredFilters(template, filters) };
}

export async function exportFileName(deps: ExportDeps, template: ExportTemplate, filters: ExportFilters, run: SourceRun): Promise<string> {
  return safeFileName(fillPlaceholders(template.def.fileName, await placeholderValues(deps, run, filters)));
}

export interface WriteProgress {
  onProgress?(rows: number): void;
  throwIfCancelled?(): void;
}

/**
 * Writes the export to `path` (the caller chose a temporary name). On failure or cancel the partial file is
 * removed, so no half-written workbook is ever left behind.
 */
export async function writeExport(deps: ExportDeps, template: ExportTemplate, filters: ExportFilters, path: string, progress: WriteProgress = {}, run = openSourceRun(deps, template, filters)): Promise<{ rows: number }> {
  const values = await placeholderValues(deps, run, filters);
  const groups = run.groups ? await run.groups() : [];
  const def = effectiveDef(template.def, filters);
  const fields = new Set(def.columns.map((c) => c.field));
  const aggregate = !['anggota', 'usulan', 'keluarga', 'penerimaProgram'].includes(template.def.source);
  const paper = template.def.paper === 'kantor' ? (deps.office?.kertas ?? 'A4') : template.def.paper;
  try {
    const result = await writeWorkbook({
      path,
      def,
      titles: def.titleRows.map((t) => fillTitle(t, values)),
      groups,
      paper,
      borders: aggregate,
      pages: run.pages(fields, PAGE_SIZE),
      ...(run.totals ? { totals: () => run.totals!() } : {}),
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      ...(progress.throwIfCancelled ? { throwIfCancelled: progress.throwIfCancelled } : {}),
    });
    return { rows: result.rows };
  } catch (error) {
    try {
      rmSync(path, { force: true });
    } catch {
      // The outbox sweeps leftovers after a day; the export's own error is what the user needs to see.
    }
    throw error;
  }
}

