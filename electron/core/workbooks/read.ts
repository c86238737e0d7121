/**
 * Recognises an operator workbook by its hidden META sheet and reads what the import pipeline does not: the
 * metadata, whether the issued rows still match their checksum, and the status columns (a member who left).
 * Everything else in the rows goes through the import pipeline with the workbook's fixed mapping.
 */
import ExcelJS from 'exceljs';
import { WORKBOOK_TEMPLATE_VERSION, type WorkbookMeta } from '../../../shared/api/workbooks';
import { normalizeIdNumber } from '../../../shared/domain/nik';
import { parseTanggal } from '../../../shared/domain/tanggal';
import { AppError } from '../api/errors';
import { checksumText, columnIndex, DATA_SHEET, FIRST_DATA_ROW, HEADER_ROW, META_SHEET, WORKBOOK_COLUMNS } from './columns';
import { rowsChecksum } from './issue';

export interface StatusMark {
  row: number;
  nik: string | null;
  nama: string | null;
  status: 'aktif' | 'pindah' | 'meninggal' | 'keluar' | null;
  /** As written (status unknown when it is not one of the list). */
  statusText: string | null;
  tanggal: string | null;
  alasan: string | null;
}

export interface ReadWorkbook {
  meta: WorkbookMeta;
  untouched: boolean;
  /** Every data row with a NIK or a name, with its status columns. */
  marks: StatusMark[];
}

const STATUS: Record<string, StatusMark['status']> = { aktif: 'aktif', pindah: 'pindah', meninggal: 'meninggal', keluar: 'keluar' };

function text(v: unknown): string | null {
  const s = checksumText(v).trim();
  return s === '' ? null : s;
}

/** The metadata of a workbook, or null when the file is not one (no META sheet with our keys). */
function readMeta(wb: ExcelJS.Workbook): WorkbookMeta | null {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) return null;
  const kv = new Map<string, string>();
  ws.eachRow((row) => {
    const k = text(row.getCell(1).value);
    if (k) kv.set(k, text(row.getCell(2).value) ?? '');
  });
  if (!kv.has('templateVersion') || !kv.has('desaKode') || !kv.has('kabKotaKode')) return null;
  return {
    templateVersion: Number(kv.get('templateVersion')),
    kabKotaKode: kv.get('kabKotaKode') ?? '',
    namaInstansi: kv.get('namaInstansi') ?? '',
    desaKode: kv.get('desaKode') ?? '',
    desaNama: kv.get('desaNama') ?? '',
    kecamatanNama: kv.get('kecamatanNama') ?? '',
    madeAt: kv.get('madeAt') ?? '',
    madeBy: kv.get('madeBy') ?? '',
    rowsIssued: Number(kv.get('rowsIssued') ?? 0),
    checksum: kv.get('checksum') ?? '',
    mac: kv.get('mac') ?? '',
  };
}

/** Reads a staged file as a workbook; NOT_WORKBOOK when it is none, WORKBOOK_VERSION when it is too old/new. */
export async function readWorkbook(path: string): Promise<ReadWorkbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch {
    throw new AppError('NOT_WORKBOOK', 'Berkas ini bukan lembar kerja operator (.xlsx) yang dibuat aplikasi ini. Untuk berkas lain, gunakan Impor data.');
  }
  const meta = readMeta(wb);
  const ws = wb.getWorksheet(DATA_SHEET);
  if (!meta || !ws) throw new AppError('NOT_WORKBOOK', 'Berkas ini bukan lembar kerja operator yang dibuat aplikasi ini (sheet META tidak ada). Untuk berkas lain, gunakan Impor data.');
  if (meta.templateVersion !== WORKBOOK_TEMPLATE_VERSION) {
    throw new AppError('WORKBOOK_VERSION', `Lembar kerja ini memakai templat versi ${meta.templateVersion}; aplikasi ini membaca versi ${WORKBOOK_TEMPLATE_VERSION}. Buat lembar kerja baru untuk desa ini.`);
  }
  const headers = WORKBOOK_COLUMNS.map((_c, i) => text(ws.getCell(HEADER_ROW, i + 1).value));
  if (headers.some((h, i) => h !== WORKBOOK_COLUMNS[i]!.header)) {
    throw new AppError('WORKBOOK_COLUMNS', 'Kolom sheet DATA lembar kerja ini sudah diubah (judul atau urutan kolom). Buat lembar kerja baru, atau kembalikan kolomnya.');
  }
  const issued: unknown[][] = [];
  for (let r = FIRST_DATA_ROW; r < FIRST_DATA_ROW + meta.rowsIssued; r++) {
    issued.push(WORKBOOK_COLUMNS.map((_c, i) => ws.getCell(r, i + 1).value ?? null));
  }
  const marks: StatusMark[] = [];
  const [cNik, cNama, cStatus, cTanggal, cAlasan] = ['nik', 'nama', 'status', 'tanggalStatus', 'alasan'].map(columnIndex) as [number, number, number, number, number];
  for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const nikRaw = row.getCell(cNik).value;
    const nama = text(row.getCell(cNama).value);
    if (nikRaw === null && nama === null) continue;
    const statusText = text(row.getCell(cStatus).value);
    const tanggalRaw = row.getCell(cTanggal).value;
    const tanggal = tanggalRaw instanceof Date ? tanggalRaw.toISOString().slice(0, 10) : parseTanggal(tanggalRaw);
    marks.push({
      row: r,
      nik: nikRaw === null ? null : (normalizeIdNumber(nikRaw).digits ?? text(nikRaw)),
      nama,
      status: statusText ? (STATUS[statusText.toLowerCase()] ?? null) : null,
      statusText,
      tanggal,
      alasan: text(row.getCell(cAlasan).value),
    });
  }
  return { meta, untouched: rowsChecksum(issued) === meta.checksum, marks };
}
