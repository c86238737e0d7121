/**
 * Reads the SIKS-NG result file (formats.md §1.3: per NIK the result, the Dukcapil match and a remark) and
 * records it against each proposal: `usulan` row per person and programme, `anggota.padan` from the padan
 * field. Columns are found by header text; a file without a recognisable header is read in the documented
 * order (nama_kec, nama_desa, nik_usulan, program_bansos, hasil, padan, nama_lgkp, ket_vali).
 * Every row ends as updated, not found (listed) or rejected with a reason.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import type { HasilImportResult } from '../../../shared/api/exports';
import type { Padan } from '../registry/tables';
import { normalizeIdNumber } from '../../../shared/domain/nik';
import { compactKey } from '../../../shared/domain/text';
import { recordAudit } from '../audit/record';
import { AppError } from '../api/errors';
import { scopeCondition, type Scope } from '../api/scope';
import type { Database } from '../db/schema';
import { usulanProgram } from './sources/common';

type Field = 'nik' | 'program' | 'hasil' | 'padan' | 'nama' | 'keterangan' | 'kecamatan' | 'desa';

const HEADERS: Record<Field, string[]> = {
  nik: ['nikusulan', 'nik', 'nomornik', 'nikpenerima'],
  program: ['programbansos', 'program', 'jenisbansos', 'bansos'],
  hasil: ['hasil', 'hasilusulan', 'status', 'statususulan', 'hasilverifikasi'],
  padan: ['padan', 'statuspadan', 'padandukcapil', 'keteranganpadan'],
  nama: ['namalgkp', 'namalengkap', 'nama', 'namadukcapil'],
  keterangan: ['ketvali', 'keterangan', 'ketvalidasi', 'keteranganvalidasi', 'ket'],
  kecamatan: ['namakec', 'kecamatan'],
  desa: ['namadesa', 'desa', 'kelurahan', 'desakelurahan'],
};
const POSITIONAL: Field[] = ['kecamatan', 'desa', 'nik', 'program', 'hasil', 'padan', 'nama', 'keterangan'];

type Cell = string | null;

function parseCsv(text: string): Cell[][] {
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  const delimiter = [';', ',', '\t', '|'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim() === '' ? null : field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

async function readRows(fileName: string, bytes: Uint8Array): Promise<Cell[][]> {
  if (/\.csv$|\.txt$/i.test(fileName)) {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return parseCsv(new TextDecoder('utf-8').decode(bytes.subarray(start)));
  }
  if (!/\.xlsx$/i.test(fileName)) throw new AppError('INVALID_INPUT', 'Berkas hasil SIKS-NG harus berupa .csv atau .xlsx.');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE', 'Berkas Excel tidak dapat dibaca (rusak atau bukan .xlsx).');
  }
  const ws = wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0];
  if (!ws) return [];
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (r, n) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = r.getCell(c).text;
      cells.push(v === '' ? null : v);
    }
    rows[n - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

function findHeader(rows: Cell[][]): { headerIndex: number; map: Partial<Record<Field, number>> } | null {
  for (let i = 0; i < Math.min(rows.length, 15); i++) {
    const map: Partial<Record<Field, number>> = {};
    rows[i]!.forEach((cell, col) => {
      if (!cell) return;
      const key = compactKey(cell);
      for (const [field, names] of Object.entries(HEADERS) as [Field, string[]][]) {
        if (map[field] === undefined && names.includes(key)) {
          map[field] = col;
          break;
        }
      }
    });
    if (map.nik !== undefined && (map.hasil !== undefined || map.padan !== undefined)) return { headerIndex: i, map };
  }
  return null;
}

export function padanFrom(text: string | null): Padan | null {
  if (!text) return null;
  const k = compactKey(text);
  if (k.includes('tidak') || k.includes('belumpadan') || k === 'tidakpadan' || k === 'no' || k === 'n') return 'tidak_padan';
  if (k.includes('padan') || k === 'ya' || k === 'y' || k === 'sesuai') return 'padan';
  return null;
}

interface HasilBefore {
  usulan: { hasil: string | null; padan: string | null; nama_dukcapil: string | null; keterangan: string | null; sumber_file: string | null; updated_at: string } | null;
  anggotaPadan: Padan;
}
interface HasilAfter {
  program: string;
  hasil: string | null;
  padan: string | null;
  keterangan: string | null;
  anggotaPadan: Padan;
}

const batchNote = (batchId: string) => `Hasil SIKS-NG ${batchId}:`;

/** A result file as read, before anything is looked up: what `importHasil` records. */
export interface HasilFile {
  fileName: string;
  rows: Cell[][];
}

/** Reads the picked result file (.csv or .xlsx); needs no database (the call's `prepare` step). */
export async function readHasilFile(file: { fileName: string; bytes: Uint8Array }): Promise<HasilFile> {
  return { fileName: file.fileName, rows: await readRows(file.fileName, file.bytes) };
}

export async function importHasil(
  db: Kysely<Database>,
  session: SessionInfo | null,
  file: HasilFile,
  now: Date,
  scope: Scope,
): Promise<HasilImportResult> {
  const { rows } = file;
  const header = findHeader(rows);
  // Without a header: the documented order, first row skipped (it is a header the app did not recognise).
  const map: Partial<Record<Field, number>> = header?.map ?? Object.fromEntries(POSITIONAL.map((f, i) => [f, i]));
  const start = header ? header.headerIndex + 1 : 1;
  const get = (r: Cell[], f: Field) => {
    const i = map[f];
    return i === undefined ? null : (r[i]?.trim() ?? null) || null;
  };
  const batchId = randomBytes(6).toString('hex');
  const result: HasilImportResult = { batchId, rows: 0, updated: 0, notFound: [], rejected: [], padanChanged: 0 };
  const at = now.toISOString();
  if (!rows.slice(start).some((r) => r.some((c) => c !== null))) throw new AppError('IMPORT_EMPTY', 'Berkas tidak berisi baris hasil usulan.');
  await db.transaction().execute(async (trx) => {
    for (let i = start; i < rows.length; i++) {
      const r = rows[i]!;
      if (r.every((c) => c === null)) continue;
      result.rows++;
      const rowNo = i + 1;
      const { digits } = normalizeIdNumber(get(r, 'nik'));
      if (!digits || digits.length !== 16) {
        result.rejected.push({ row: rowNo, reason: `NIK "${get(r, 'nik') ?? ''}" tidak 16 angka.` });
        continue;
      }
      // Someone outside the caller's area is "not in the registry" for them: reported and changed alike.
      const anggota = await trx
        .selectFrom('anggota')
        .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
        .select(['anggota.id', 'anggota.nama', 'anggota.padan'])
        .where('anggota.nik', '=', digits)
        .where(scopeCondition(scope))
        .executeTakeFirst();
      if (!anggota) {
        result.notFound.push({ row: rowNo, nik: digits, nama: get(r, 'nama') ?? '' });
        continue;
      }
      // The result belongs to the person's proposal for the same programme however either spells it (PBI = PBI-JK,
      // empty = NON BANSOS); a new proposal is recorded under SIKS-NG's label.
      const wanted = usulanProgram(get(r, 'program'));
      const proposals = await trx.selectFrom('usulan').selectAll().where('anggota_id', '=', anggota.id).orderBy('id').execute();
      const before = proposals.find((u) => usulanProgram(u.program) === wanted);
      const program = before?.program ?? wanted;
      const values = { hasil: get(r, 'hasil'), padan: get(r, 'padan'), nama_dukcapil: get(r, 'nama'), keterangan: get(r, 'keterangan'), sumber_file: file.fileName, updated_at: at };
      if (before) await trx.updateTable('usulan').set(values).where('id', '=', before.id).execute();
      else await trx.insertInto('usulan').values({ anggota_id: anggota.id, program, created_at: at, ...values }).execute();
      const padan = padanFrom(values.padan);
      if (padan && padan !== anggota.padan) {
        await trx.updateTable('anggota').set({ padan, updated_at: at }).where('id', '=', anggota.id).execute();
        result.padanChanged++;
      }
      await recordAudit(
        trx,
        session,
        {
          action: 'update',
          entity: 'usulan',
          entityId: anggota.id,
          before: {
            usulan: before ? { hasil: before.hasil, padan: before.padan, nama_dukcapil: before.nama_dukcapil, keterangan: before.keterangan, sumber_file: before.sumber_file, updated_at: before.updated_at } : null,
            anggotaPadan: anggota.padan,
          } satisfies HasilBefore,
          after: { program, hasil: values.hasil, padan: values.padan, keterangan: values.keterangan, anggotaPadan: padan ?? anggota.padan } satisfies HasilAfter,
          note: `${batchNote(batchId)} ${file.fileName}, baris ${rowNo}`,
        },
        now,
      );
      result.updated++;
    }
    await recordAudit(trx, session, { action: 'import', entity: 'usulan_hasil', entityId: batchId, after: { file: file.fileName, ...result, notFound: result.notFound.length, rejected: result.rejected.length } }, now);
  });
  return result;
}

/**
 * Puts back what one result import changed: proposals it created are removed, the ones it updated and every
 * padan it set get their earlier values. Refused when something changed since (a later import or an edit),
 * listing the people concerned, so a newer correction is never overwritten.
 */
export async function undoHasil(db: Kysely<Database>, session: SessionInfo | null, batchId: string, now: Date, scope: Scope): Promise<{ restored: number }> {
  return db.transaction().execute(async (trx) => {
    // A user limited to an area undoes only their own result imports; another's is "not found".
    const summary = await trx
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'usulan_hasil')
      .where('action', '=', 'import')
      .where('entity_id', '=', batchId)
      .$if(!scope.all, (q) => q.where('user_id', '=', session?.userId ?? -1))
      .executeTakeFirst();
    if (!summary) throw new AppError('NOT_FOUND', 'Impor hasil SIKS-NG ini tidak ditemukan.');
    const undone = await trx.selectFrom('audit_log').select('id').where('entity', '=', 'usulan_hasil').where('action', '=', 'undo').where('entity_id', '=', batchId).executeTakeFirst();
    if (undone) throw new AppError('CONFLICT', 'Impor hasil SIKS-NG ini sudah dibatalkan.');
    const entries = await trx
      .selectFrom('audit_log')
      .select(['entity_id', 'before_json', 'after_json'])
      .where('entity', '=', 'usulan')
      .where('note', 'like', `${batchNote(batchId)}%`)
      .orderBy('id', 'desc')
      .execute();
    const changed: string[] = [];
    for (const e of entries) {
      const after = JSON.parse(e.after_json ?? '{}') as HasilAfter;
      const anggotaId = Number(e.entity_id);
      const current = await trx.selectFrom('anggota').select(['nik', 'padan']).where('id', '=', anggotaId).executeTakeFirst();
      const usulan = await trx.selectFrom('usulan').select(['hasil', 'padan', 'keterangan']).where('anggota_id', '=', anggotaId).where('program', '=', after.program).executeTakeFirst();
      if (!current || !usulan || current.padan !== after.anggotaPadan || usulan.hasil !== after.hasil || usulan.padan !== after.padan || usulan.keterangan !== after.keterangan) {
        changed.push(current?.nik ?? String(anggotaId));
      }
    }
    if (changed.length > 0) {
      throw new AppError('CONFLICT', `Tidak dapat dibatalkan: data ${changed.length} orang sudah berubah sesudah impor ini (NIK ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', …' : ''}).`, { nik: changed });
    }
    const at = now.toISOString();
    for (const e of entries) {
      const before = JSON.parse(e.before_json ?? '{}') as HasilBefore;
      const after = JSON.parse(e.after_json ?? '{}') as HasilAfter;
      const anggotaId = Number(e.entity_id);
      if (before.usulan) await trx.updateTable('usulan').set(before.usulan).where('anggota_id', '=', anggotaId).where('program', '=', after.program).execute();
      else await trx.deleteFrom('usulan').where('anggota_id', '=', anggotaId).where('program', '=', after.program).execute();
      if (before.anggotaPadan !== after.anggotaPadan) await trx.updateTable('anggota').set({ padan: before.anggotaPadan, updated_at: at }).where('id', '=', anggotaId).execute();
    }
    await recordAudit(trx, session, { action: 'undo', entity: 'usulan_hasil', entityId: batchId, after: { restored: entries.length } }, now);
    return { restored: entries.length };
  });
}
