import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Office } from '../../../shared/api/admin';
import type { SessionInfo } from '../../../shared/api/auth';
import type { FileRef } from '../../../shared/api/files';
import { operatorSchema, type ImportProblemRow, type OperatorImportResult, type OperatorRow } from '../../../shared/api/meetings';
import { normalizeIdNumber } from '../../../shared/domain/nik';
import { isoToday, parseTanggal } from '../../../shared/domain/tanggal';
import { normalizeKey } from '../../../shared/domain/text';
import { recordAudit } from '../audit/record';
import { AppError } from '../api/errors';
import { isSignatureText, MAX_FOOTER_CELLS } from '../imports';
import type { Database } from '../db/schema';
import type { Outbox } from '../files';
import { normalizeRegionCode, type RegionIndex } from '../regions';
import { officeDesa } from './officeArea';
import { importNote } from './operatorImportUndo';
import { checkOperator, writeOperator, type OperatorData } from './operators';
import { addTableSheet, safeFileName, XLSX_MIME, type SheetColumn } from './xlsxSheet';

type Field = 'nama' | 'nik' | 'noHp' | 'email' | 'desa' | 'kecamatan' | 'kodeWilayah' | 'jabatan' | 'skNomor' | 'skTanggal' | 'status' | 'catatan';

const FIELD_LABELS: Record<Field, string> = {
  nama: 'Nama',
  nik: 'NIK',
  noHp: 'No. HP/WA',
  email: 'E-mail',
  desa: 'Desa/Kelurahan',
  kecamatan: 'Kecamatan',
  kodeWilayah: 'Kode Wilayah',
  jabatan: 'Jabatan',
  skNomor: 'Nomor SK',
  skTanggal: 'Tanggal SK',
  status: 'Status',
  catatan: 'Catatan',
};

/** Header texts (after normalizeKey) that name each field exactly. */
const SYNONYMS: Record<Field, string[]> = {
  nama: ['nama', 'nama operator', 'nama lengkap', 'nama petugas', 'operator', 'nama operator dtks', 'nama operator desa'],
  nik: ['nik', 'no nik', 'nomor nik', 'nomor induk kependudukan', 'no ktp', 'nik operator', 'nik ktp'],
  noHp: ['no hp', 'no hp wa', 'nomor hp', 'hp', 'no wa', 'wa', 'whatsapp', 'no whatsapp', 'nomor whatsapp', 'no telp', 'no telepon', 'telepon', 'no hp whatsapp', 'nomor hp wa', 'kontak', 'no handphone', 'handphone'],
  email: ['email', 'e mail', 'alamat email', 'alamat e mail', 'surel'],
  desa: ['desa', 'kelurahan', 'desa kelurahan', 'kelurahan desa', 'nama desa', 'desa kel', 'kel desa', 'nama desa kelurahan', 'desa kelurahan asal'],
  kecamatan: ['kecamatan', 'kec', 'nama kecamatan'],
  kodeWilayah: ['kode wilayah', 'kode desa', 'kode desa kelurahan', 'kode kemendagri', 'kode wilayah desa'],
  jabatan: ['jabatan', 'tugas', 'jabatan operator'],
  skNomor: ['no sk', 'nomor sk', 'sk', 'nomor sk pengangkatan', 'no sk operator', 'no sk pengangkatan', 'sk penunjukan'],
  skTanggal: ['tanggal sk', 'tgl sk', 'tanggal sk pengangkatan', 'tgl sk pengangkatan'],
  status: ['status', 'aktif', 'status aktif', 'status operator'],
  catatan: ['catatan', 'keterangan', 'ket'],
};

export function fieldOf(header: string): Field | null {
  const key = normalizeKey(header);
  if (key === '') return null;
  for (const [field, names] of Object.entries(SYNONYMS) as [Field, string[]][]) if (names.includes(key)) return field;
  // Looser: words inside longer headers ("NO. HP / WA AKTIF", "NAMA DESA/KEL.").
  const words = new Set(key.split(' '));
  if (words.has('kode')) return 'kodeWilayah';
  if (words.has('nik') || key.includes('ktp')) return 'nik';
  if (words.has('hp') || words.has('wa') || key.includes('whatsapp') || key.includes('telp')) return 'noHp';
  if (key.includes('email')) return 'email';
  if (words.has('sk') && (words.has('tgl') || words.has('tanggal'))) return 'skTanggal';
  if (words.has('sk')) return 'skNomor';
  if (words.has('kecamatan') || words.has('kec')) return 'kecamatan';
  if (words.has('desa') || words.has('kelurahan') || words.has('kel')) return 'desa';
  if (words.has('nama')) return 'nama';
  if (words.has('jabatan')) return 'jabatan';
  return null;
}

type Raw = string | number | boolean | Date | null;

/** exceljs cell values (rich text, hyperlinks, formulas, errors) as the plain value the user sees. */
function plain(v: ExcelJS.CellValue): Raw {
  if (v == null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return plain(v.richText.map((t) => t.text).join(''));
    if ('text' in v && typeof v.text === 'string') return plain(v.text);
    if ('result' in v) return plain((v.result ?? null) as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return String(v as unknown);
}

function asText(v: Raw): string | null {
  if (v == null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim() || null;
}

const MAX_BYTES = 10 * 1024 * 1024;
const HEADER_SCAN_ROWS = 30;

export interface ParsedSheet {
  /** The picked file's name (recorded with the import). */
  fileName: string;
  sheet: string;
  headerRow: number;
  columns: { index: number; field: Field; header: string }[];
  rows: { row: number; values: Partial<Record<Field, Raw>> }[];
  footer: { row: number; teks: string }[];
}

/** Reads the picked operator list; needs no database (the call's `prepare` step, before its transaction). */
export async function readOperatorSheet({ fileName, bytes }: { fileName: string; bytes: Uint8Array }): Promise<ParsedSheet> {
  if (bytes.byteLength > MAX_BYTES) throw new AppError('IMPORT_TOO_LARGE', 'Berkas lebih dari 10 MB; daftar operator biasanya jauh lebih kecil. Periksa berkasnya.');
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    throw new AppError('IMPORT_FORMAT', 'Berkas berformat Excel lama (.xls) atau dikunci kata sandi. Buka di Excel, hapus kata sandinya bila ada, lalu "Simpan Sebagai" .xlsx.');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new AppError('IMPORT_FORMAT', 'Berkas bukan buku kerja Excel (.xlsx).');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FORMAT', 'Berkas Excel tidak dapat dibaca (rusak atau bukan .xlsx).');
  }
  let best: ParsedSheet | null = null;
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, ws.rowCount); r++) {
      const row = ws.getRow(r);
      const columns: ParsedSheet['columns'] = [];
      const seen = new Set<Field>();
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const text = asText(plain(cell.value));
        const field = text ? fieldOf(text) : null;
        if (field && text && !seen.has(field)) {
          seen.add(field);
          columns.push({ index: col, field, header: text });
        }
      });
      if (seen.has('nama') && (seen.has('desa') || seen.has('kodeWilayah')) && columns.length > (best?.columns.length ?? 0)) {
        best = { fileName, sheet: ws.name, headerRow: r, columns, rows: [], footer: [] };
        const rows: ParsedSheet['rows'] = [];
        const footer: ParsedSheet['footer'] = [];
        for (let d = r + 1; d <= ws.rowCount; d++) {
          const dataRow = ws.getRow(d);
          const texts: string[] = [];
          dataRow.eachCell({ includeEmpty: false }, (cell) => {
            const t = asText(plain(cell.value));
            if (t) texts.push(t);
          });
          // The signature block under the list ("Sampit, 17 November 2022", "Mengetahui,", "Kepala Desa …") and
          // everything after it is not data; it is listed as skipped so the user sees where reading stopped.
          if (footer.length > 0 || (texts.length > 0 && texts.length <= MAX_FOOTER_CELLS && texts.some(isSignatureText))) {
            if (texts.length > 0) footer.push({ row: d, teks: texts.join(' ') });
            continue;
          }
          const values: Partial<Record<Field, Raw>> = {};
          let any = false;
          for (const c of columns) {
            const v = plain(dataRow.getCell(c.index).value);
            values[c.field] = v;
            if (v != null) any = true;
          }
          // The column-number row under a header ("1 2 3 …") is not data.
          const numbers = columns.every((c) => values[c.field] == null || typeof values[c.field] === 'number' || /^\(?\d{1,2}\)?$/.test(String(values[c.field])));
          if (any && !(d === r + 1 && numbers)) rows.push({ row: d, values });
        }
        best.rows = rows;
        best.footer = footer;
        break;
      }
    }
  }
  if (!best) {
    throw new AppError(
      'IMPORT_NO_HEADER',
      'Judul kolom tidak ditemukan. Lembar kerja harus memuat kolom "Nama" dan "Desa/Kelurahan" (atau "Kode Wilayah"), mis. hasil "Ekspor daftar operator".',
    );
  }
  return best;
}

function parseStatus(v: Raw): boolean | null | 'invalid' {
  if (v == null) return null;
  if (typeof v === 'boolean') return v;
  const key = normalizeKey(String(v));
  if (['aktif', 'ya', 'y', '1', 'aktip', 'masih aktif'].includes(key)) return true;
  if (['tidak aktif', 'nonaktif', 'non aktif', 'tidak', 't', '0', 'berhenti', 'diganti', 'keluar'].includes(key)) return false;
  return 'invalid';
}

interface Planned {
  row: number;
  data: OperatorData;
  kecamatanKode: string;
  existing: boolean;
}

/**
 * Reads an operator directory sheet and either reports what it would do (preview) or commits it in one
 * transaction. Rows are matched to existing operators by NIK, else by name within the same desa; an empty
 * cell never erases what the directory already holds.
 */
export async function importOperators(
  db: Kysely<Database>,
  office: Office,
  regions: RegionIndex,
  session: SessionInfo | null,
  input: { sheet: ParsedSheet; commit: boolean; lewatiDitolak: boolean },
  at: Date,
): Promise<OperatorImportResult> {
  const { sheet } = input;
  const existing = await db.selectFrom('operator_desa').selectAll().execute();
  const byNik = new Map(existing.filter((e) => e.nik).map((e) => [e.nik!, e]));
  const byDesaNama = new Map(existing.map((e) => [`${e.desa_kode}|${e.nama_key}`, e]));
  const ditolak: ImportProblemRow[] = [];
  const peringatan: ImportProblemRow[] = [];
  const planned: Planned[] = [];
  const seenNik = new Map<string, number>();
  const seenDesaNama = new Map<string, number>();

  for (const { row, values } of sheet.rows) {
    const reasons: string[] = [];
    const nama = asText(values.nama ?? null) ?? '';

    // Place: an explicit code wins, else the desa name (within the kecamatan when one is given).
    let desaKode: string | null = null;
    const kode = asText(values.kodeWilayah ?? null);
    if (kode) {
      const norm = normalizeRegionCode(kode);
      const place = norm ? officeDesa(office, regions, norm) : null;
      if (place) desaKode = place.desa.kode;
      else reasons.push(`Kode wilayah "${kode}" bukan desa/kelurahan di ${office.kabKotaNama}.`);
    } else {
      const desaName = asText(values.desa ?? null);
      const kecName = asText(values.kecamatan ?? null);
      let within = office.kabKotaKode;
      if (kecName) {
        const kec = regions.match(kecName, { within: office.kabKotaKode, levels: ['kecamatan'] });
        if (kec.region) within = kec.region.kode;
        else reasons.push(`Kecamatan "${kecName}" tidak dikenal di ${office.kabKotaNama}${kec.suggestions[0] ? ` (maksudnya ${kec.suggestions.map((s) => s.nama).join(' / ')}?)` : ''}.`);
      }
      if (!desaName) reasons.push('Desa/kelurahan kosong.');
      else if (reasons.length === 0) {
        const m = regions.match(desaName, { within, levels: ['desa', 'kelurahan', 'desa_adat'] });
        if (m.region) desaKode = m.region.kode;
        else {
          const hint = m.suggestions.length > 0 ? ` Maksudnya ${m.suggestions.map((s) => `${s.nama} (Kec. ${regions.get(s.parentKode ?? '')?.nama ?? '-'})`).join(' / ')}?` : '';
          reasons.push(`Desa/kelurahan "${desaName}" tidak dikenal${kecName ? ` di Kecamatan ${kecName}` : ` di ${office.kabKotaNama}; isi juga kolom Kecamatan`}.${hint}`);
        }
      }
    }

    const nikRaw = values.nik ?? null;
    const nikNorm = normalizeIdNumber(nikRaw);
    if (nikNorm.problem) reasons.push(`NIK: ${nikNorm.problem.message}`);
    const status = parseStatus(values.status ?? null);
    if (status === 'invalid') reasons.push(`Status "${asText(values.status ?? null)}" tidak dikenal; tulis Aktif atau Tidak aktif.`);
    const skRaw = values.skTanggal ?? null;
    const skTanggal = skRaw == null ? null : parseTanggal(skRaw);
    if (skRaw != null && !skTanggal) reasons.push(`Tanggal SK "${asText(skRaw)}" tidak dikenali; tulis dd/mm/yyyy.`);

    const match = (nikNorm.digits ? byNik.get(nikNorm.digits) : undefined) ?? (desaKode ? byDesaNama.get(`${desaKode}|${normalizeKey(nama)}`) : undefined);
    const candidate = {
      id: match?.id,
      nama,
      nik: nikNorm.digits ?? match?.nik ?? null,
      noHp: asText(values.noHp ?? null) ?? match?.no_hp ?? null,
      email: asText(values.email ?? null) ?? match?.email ?? null,
      desaKode: desaKode ?? '00.00.00.0000',
      jabatan: asText(values.jabatan ?? null) ?? match?.jabatan ?? 'Operator DTKS',
      skNomor: asText(values.skNomor ?? null) ?? match?.sk_nomor ?? null,
      skTanggal: skTanggal ?? match?.sk_tanggal ?? null,
      aktif: status === true || status === false ? status : match ? match.aktif === 1 : true,
      catatan: asText(values.catatan ?? null) ?? match?.catatan ?? null,
    };
    const parsed = operatorSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (field === 'desaKode' && reasons.length > 0) continue;
        const label = (FIELD_LABELS as Record<string, string>)[field] ?? field;
        reasons.push(`${label}: ${issue.message}`);
      }
    }
    let kecamatanKode: string | null = null;
    if (parsed.success && reasons.length === 0) {
      const check = await checkOperator(db, office, regions, parsed.data);
      kecamatanKode = check.kecamatanKode;
      reasons.push(...check.errors.map((e) => e.message));
      if (check.warnings.length > 0) peringatan.push({ row, nama, reasons: check.warnings });
    }
    if (parsed.success && reasons.length === 0) {
      const nikKey = parsed.data.nik;
      const dnKey = `${parsed.data.desaKode}|${normalizeKey(parsed.data.nama)}`;
      const firstNik = nikKey ? seenNik.get(nikKey) : undefined;
      const firstDn = seenDesaNama.get(dnKey);
      if (firstNik !== undefined) reasons.push(`NIK sama dengan baris ${firstNik}.`);
      else if (firstDn !== undefined) reasons.push(`Nama dan desa sama dengan baris ${firstDn}.`);
      else {
        if (nikKey) seenNik.set(nikKey, row);
        seenDesaNama.set(dnKey, row);
      }
    }
    if (reasons.length > 0 || !parsed.success || !kecamatanKode) {
      ditolak.push({ row, nama: nama || '(tanpa nama)', reasons: reasons.length > 0 ? reasons : ['Data tidak lengkap.'] });
      continue;
    }
    planned.push({ row, data: parsed.data, kecamatanKode, existing: match !== undefined });
  }

  const result: OperatorImportResult = {
    fileName: sheet.fileName,
    sheet: sheet.sheet,
    dataRows: sheet.rows.length,
    baru: planned.filter((p) => !p.existing).length,
    diperbarui: planned.filter((p) => p.existing).length,
    ditolak,
    peringatan,
    dilewati: sheet.footer,
    committed: false,
    kolom: sheet.columns.map((c) => ({ field: FIELD_LABELS[c.field], header: c.header })),
  };
  if (!input.commit) return result;
  if (ditolak.length > 0 && !input.lewatiDitolak) {
    throw new AppError('IMPORT_HAS_REJECTED', `${ditolak.length} baris ditolak. Perbaiki berkasnya, atau pilih impor baris yang valid saja.`, result);
  }
  if (planned.length === 0) throw new AppError('IMPORT_EMPTY', 'Tidak ada baris yang dapat diimpor.', result);
  const batch = randomBytes(6).toString('hex');
  await db.transaction().execute(async (trx) => {
    for (const p of planned) await writeOperator(trx, session, p.data, p.kecamatanKode, at, importNote(batch, sheet.fileName, p.row));
    await recordAudit(trx, session, {
      action: 'import',
      entity: 'operator_import',
      entityId: batch,
      after: { fileName: sheet.fileName, sheet: sheet.sheet, baru: result.baru, diperbarui: result.diperbarui, ditolak: ditolak.map((d) => d.row) },
    }, at);
  });
  return { ...result, committed: true, batch };
}

const EXPORT_COLUMNS: SheetColumn[] = [
  { header: 'No', width: 5, kind: 'integer' },
  { header: 'Kecamatan', width: 18, kind: 'text' },
  { header: 'Desa/Kelurahan', width: 22, kind: 'text' },
  { header: 'Kode Wilayah', width: 15, kind: 'id' },
  { header: 'Nama', width: 28, kind: 'text' },
  { header: 'NIK', width: 19, kind: 'id' },
  { header: 'No. HP/WA', width: 15, kind: 'id' },
  { header: 'E-mail', width: 26, kind: 'text' },
  { header: 'Jabatan', width: 18, kind: 'text' },
  { header: 'Nomor SK', width: 26, kind: 'text' },
  { header: 'Tanggal SK', width: 12, kind: 'date' },
  { header: 'Status', width: 11, kind: 'text' },
  { header: 'Catatan', width: 30, kind: 'text' },
];

/** The directory as the sheet that import reads back (same headers). */
export async function exportOperators(
  db: Kysely<Database>,
  office: Office,
  session: SessionInfo | null,
  outbox: Outbox,
  operators: OperatorRow[],
  at: Date,
): Promise<FileRef> {
  const wb = new ExcelJS.Workbook();
  wb.creator = office.namaInstansi;
  addTableSheet(
    wb,
    'Operator',
    EXPORT_COLUMNS,
    operators.map((o, i) => [i + 1, o.kecamatanNama, o.desaNama, o.desaKode, o.nama, o.nik, o.noHp, o.email, o.jabatan, o.skNomor, o.skTanggal, o.aktif ? 'Aktif' : 'Tidak aktif', o.catatan]),
    [`DAFTAR OPERATOR DTKS DESA/KELURAHAN ${office.kabKotaNama.toUpperCase()}`, `${office.namaInstansi} — keadaan ${isoToday(at).split('-').reverse().join('/')}`],
  );
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const file = outbox.put(safeFileName(`Operator DTKS ${office.kabKotaNama} ${isoToday(at)}.xlsx`), XLSX_MIME, bytes);
  await recordAudit(db, session, { action: 'export', entity: 'operator_desa', after: { rows: operators.length, file: file.name } }, at);
  return file;
}
