/**
 * One data row of a sheet → the family and member it describes, with every reason it cannot be imported
 * (a row can have several) and the warnings that do not block it. Pure: no database, so the same checks run
 * in the preview and in the commit and are unit-tested alone.
 */
import type { Selectable } from 'kysely';
import type { RowProblem } from '../../../shared/api/imports';
import { validateNik, validateNoKk } from '../../../shared/domain/nik';
import { parseJenisKelamin } from '../../../shared/domain/jenisKelamin';
import { parseTanggal } from '../../../shared/domain/tanggal';
import { normalizeKey } from '../../../shared/domain/text';
import type { Problem } from '../../../shared/domain/problem';
import { columnLetter } from './read/cells';
import type { FieldKey } from './read/fields';
import type { CellValue, SourceRow } from './read/types';
import type { RegistryTables } from '../registry/tables';
import { withinWilayah, type RegionResolver } from './regionResolver';
import { readP3keRow, type P3keColumns } from './p3ke';
import { desil, hubunganUrutan, padan, programFlag, programList, rememberByText, rtRw, text, yesNo } from './values';

type Anggota = Selectable<RegistryTables['anggota']>;
type Keluarga = Selectable<RegistryTables['keluarga']>;

/** The member columns a sheet row fills. */
export type MemberData = Pick<
  Anggota,
  'nik' | 'nama' | 'nama_key' | 'jenis_kelamin' | 'tempat_lahir' | 'tanggal_lahir' | 'hubungan' | 'ibu_kandung' | 'status_kawin' | 'pekerjaan' | 'pendidikan' | 'disabilitas' | 'hamil' | 'padan' | 'id_dtks'
> & { id_p3ke_individu: string | null; p3ke_resiko_stunting: number | null; p3ke_urutan: number | null };

/** The family columns a sheet row fills. */
export type FamilyData = Pick<Keluarga, 'no_kk' | 'alamat' | 'dusun' | 'rt' | 'rw' | 'desa_kode' | 'kecamatan_kode' | 'id_dtks' | 'desil' | 'miskin_ekstrem'> & {
  /** ID Keluarga P3KE (P3KE sheets); a family without No KK is known by it alone. */
  id_p3ke: string | null;
  p3ke_resiko_stunting: number | null;
  p3ke_tahun: number | null;
  p3ke_prioritas: string | null;
  p3ke_persentil: number | null;
  p3ke_memenuhi: string | null;
  p3ke_keterangan: string | null;
};

export interface CheckedRow {
  row: number;
  /** The NIK digits when they could be read (even if invalid otherwise), for reports. */
  nikText: string | null;
  nama: string | null;
  noKkText: string | null;
  desaText: string | null;
  errors: RowProblem[];
  warnings: RowProblem[];
  /** Set only when there are no errors. */
  member: MemberData | null;
  family: FamilyData | null;
  programs: string[];
}

export interface CheckContext {
  resolver: RegionResolver;
  officeKabKota: string | null;
  /** Operator's area; empty = no limit. */
  wilayah: readonly string[];
  today: Date;
  /** today as 'YYYY-MM-DD', computed once per import. */
  todayIso?: string;
  /**
   * Set for a P3KE sheet (p3ke.ts): its own columns. The family is named by "ID Keluarga P3KE" and needs no
   * No KK; "ID Individu" is the P3KE person ID, not an ID DTKS.
   */
  p3ke?: P3keColumns | null;
}

const PROGRAM_COLUMNS: ReadonlyArray<[FieldKey, string, string[]]> = [
  ['bansosPkh', 'PKH', ['pkh']],
  ['bansosBpnt', 'BPNT', ['bpnt', 'sembako']],
  ['bansosPbi', 'PBI-JK', ['pbi', 'kis', 'jkn']],
  ['bansosBst', 'BST', ['bst']],
  ['bansosBpum', 'BPUM', ['bpum']],
];

/** Sex as written: a column of a few values (L, P, Laki-laki…). */
const jenisKelaminOf = rememberByText(parseJenisKelamin);

const FIELD_NAMES: Record<string, string> = { nik: 'NIK', noKk: 'No KK' };

/**
 * A number of 16 digits or more as Excel stores it (a number, or its scientific text "6.20205E+15" as a CSV or
 * the rejected-rows file carries it): Excel kept 15 significant digits, so the last digit is gone for good.
 */
function lostDigits(v: CellValue | undefined): boolean {
  if (typeof v === 'number') return Math.abs(v) >= 1e15;
  if (typeof v !== 'string') return false;
  const s = v.trim().replace(/\s+/g, '').replace(',', '.');
  return /^\d+(?:\.\d+)?e\+?\d+$/i.test(s) && Number(s) >= 1e15;
}

/**
 * Problems of one field; the shared "stored as a number" message gets the field's name in front, and says the
 * number cannot be recovered when Excel already dropped its last digit.
 */
function tag(problems: readonly Problem[], field: string, raw?: CellValue): RowProblem[] {
  const name = FIELD_NAMES[field] ?? field;
  return problems.map((p) => {
    if (p.code !== 'STORED_AS_NUMBER') return { ...p, field };
    const message = lostDigits(raw)
      ? `${name}: tersimpan sebagai angka oleh Excel; digit terakhir hilang — ketik ulang dari KK (angka ini tidak dapat dipulihkan).`
      : `${name}: ${p.message}`;
    return { ...p, field, message };
  });
}

function rawDigits(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'number' ? String(v) : String(v).replace(/[^\d]/g, '');
  return s === '' ? null : s;
}

/** A row whose desa lies outside the operator's wilayah: the one message, from checkRow and decideRow alike. */
export function outsideWilayah(desaNama: string): RowProblem {
  return { code: 'OUTSIDE_WILAYAH', field: 'desa', message: `${desaNama} di luar wilayah kerja Anda sebagai operator.` };
}

export function checkRow(src: SourceRow, ctx: CheckContext): CheckedRow {
  const v = src.values;
  const errors: RowProblem[] = [];
  const warnings: RowProblem[] = [];

  // The reader kept only Excel's 32,767 characters of a longer cell (another program wrote it): the row is
  // refused rather than stored cut short.
  if (src.overlong) {
    for (const col of src.overlong) {
      errors.push({ code: 'CELL_TOO_LONG', message: `Isi sel kolom ${columnLetter(col)} lebih dari 32.767 karakter (batas Excel); baris ditolak agar tidak tersimpan terpotong.` });
    }
  }
  const nama = text(v.nama, 120) ?? text(v.kepalaKeluarga, 120);
  if (nama === null) errors.push({ code: 'NAMA_EMPTY', field: 'nama', message: 'Nama kosong.' });

  // Sex as written; inferred from the NIK when the column is empty or absent.
  let jk = jenisKelaminOf(typeof v.jenisKelamin === 'string' ? v.jenisKelamin.trim() : v.jenisKelamin);
  const jkText = text(v.jenisKelamin, 30);
  if (jk === null && jkText !== null) {
    errors.push({ code: 'JK_UNKNOWN', field: 'jenisKelamin', message: `Jenis kelamin "${jkText}" tidak dikenali (gunakan L atau P).` });
  }

  let tanggalLahir: string | null = null;
  if (v.tanggalLahir !== undefined && v.tanggalLahir !== null && text(v.tanggalLahir) !== null) {
    tanggalLahir = parseTanggal(typeof v.tanggalLahir === 'string' ? v.tanggalLahir.trim() : v.tanggalLahir);
    if (tanggalLahir === null) {
      const shown = v.tanggalLahir instanceof Date ? 'tanggal' : String(v.tanggalLahir);
      errors.push({
        code: 'TANGGAL_LAHIR',
        field: 'tanggalLahir',
        message: `Tanggal lahir "${shown}" tidak dikenali atau bukan tanggal yang ada (tulis seperti 31/01/2000 atau 31 Januari 2000).`,
      });
    } else if (tanggalLahir > (ctx.todayIso ?? ctx.today.toISOString().slice(0, 10))) {
      errors.push({ code: 'TANGGAL_LAHIR', field: 'tanggalLahir', message: `Tanggal lahir ${tanggalLahir.split('-').reverse().join('/')} di masa depan.` });
      tanggalLahir = null;
    }
  }

  // One literal of a fixed shape: a spread into it (the office's kab/kota when set) made every row's options a
  // slow object, which cost more than the NIK check itself.
  const nikCheck = validateNik(v.nik ?? null, { officeKabKota: ctx.officeKabKota ?? undefined, sex: jk, birthDate: tanggalLahir, today: ctx.today });
  errors.push(...tag(nikCheck.errors, 'nik', v.nik));
  warnings.push(...tag(nikCheck.warnings, 'nik'));
  if (jk === null && jkText === null && nikCheck.info) jk = nikCheck.info.sex;

  const p3keCols = ctx.p3ke ?? null;
  const idP3ke = p3keCols ? text(v.idKeluarga, 40) : null;
  // A P3KE download has no No KK: an empty one is not a fault there (a filled one is still checked).
  const kkMissing = p3keCols !== null && (v.noKk === undefined || v.noKk === null || text(v.noKk) === null);
  const kkCheck = kkMissing ? null : validateNoKk(v.noKk ?? null);
  if (kkCheck) {
    errors.push(...tag(kkCheck.errors, 'noKk', v.noKk));
    warnings.push(...tag(kkCheck.warnings, 'noKk'));
  } else if (idP3ke === null) {
    errors.push({ code: 'P3KE_ID_EMPTY', field: 'idKeluarga', message: 'ID Keluarga P3KE kosong dan No KK tidak ada: keluarga tidak dapat dikenali.' });
  }
  const p3keRow = p3keCols ? readP3keRow(src.raw, p3keCols, warnings) : null;

  const desaText = text(v.desa, 100);
  const region = ctx.resolver.resolve({
    provinsi: text(v.provinsi, 100),
    kabupaten: text(v.kabupaten, 100),
    kecamatan: text(v.kecamatan, 100),
    desa: desaText,
    kodeWilayah: rawDigits(v.kodeWilayah) ?? text(v.kodeWilayah, 20),
  });
  if (!region.ok) errors.push(...region.errors);
  else {
    warnings.push(...region.warnings);
    if (!withinWilayah(region.desa.kode, region.kecamatan.kode, ctx.wilayah)) {
      errors.push(outsideWilayah(region.desa.nama));
    }
  }

  const desilValue = desil(v.desil);
  if (desilValue === 'invalid') errors.push({ code: 'DESIL', field: 'desil', message: `Desil "${text(v.desil) ?? ''}" tidak valid: harus angka 1–10.` });

  const padanValue = padan(v.padan);
  if (padanValue === 'unknown') {
    warnings.push({ code: 'PADAN_UNKNOWN', field: 'padan', message: `Status padan "${text(v.padan) ?? ''}" tidak dikenali; dicatat "belum".` });
  }

  const hamilValue = yesNo(v.hamil);
  if (hamilValue === 'unknown') warnings.push({ code: 'HAMIL_UNKNOWN', field: 'hamil', message: `Status hamil "${text(v.hamil) ?? ''}" tidak dikenali; dicatat tidak hamil.` });

  let disabilitas = text(v.disabilitas, 100);
  const kodeDis = text(v.kodeDisabilitas, 20);
  const disFlag = yesNo(v.disabilitas);
  if (disFlag === false) disabilitas = null;
  else if (disFlag === true) disabilitas = kodeDis ? `Ya (kode ${kodeDis})` : 'Ya';

  const programs = new Set<string>(programList(v.programBansos));
  if (p3keRow?.sembako) programs.add('SEMBAKO');
  for (const [field, label, keys] of PROGRAM_COLUMNS) {
    const flag = programFlag(v[field], keys);
    if (flag === true) programs.add(label);
    else if (flag === 'unknown') warnings.push({ code: 'PROGRAM_UNKNOWN', field, message: `Isian kolom ${label} "${text(v[field]) ?? ''}" tidak dikenali; dianggap bukan penerima.` });
  }

  // A keluarga sheet's row is its head (Kepala Keluarga column, no Nama column).
  const kepalaRow = v.kepalaKeluarga !== undefined && text(v.nama) === null;
  const rel = kepalaRow ? { hubungan: 'Kepala Keluarga', urutan: null } : hubunganUrutan(v.hubunganKeluarga);
  const stunting = yesNo(v.resikoStunting);
  if (stunting === 'unknown') warnings.push({ code: 'STUNTING_UNKNOWN', field: 'resikoStunting', message: `Isian resiko stunting "${text(v.resikoStunting) ?? ''}" tidak dikenali; tidak dicatat.` });
  const stuntingValue = stunting === true ? 1 : stunting === false ? 0 : null;

  // Every CheckedRow is one literal of the same shape (no spread of a shared part): see validateNik above.
  const row = src.row;
  const nikText = nikCheck.value ?? rawDigits(v.nik);
  const noKkText = kkCheck?.value ?? rawDigits(v.noKk);
  const shownDesa = region.ok ? region.desa.nama : desaText;
  const programNames = [...programs];
  const noKk = kkCheck ? kkCheck.value : null;
  if (errors.length > 0 || !nikCheck.value || (kkCheck !== null && !noKk) || nama === null || !region.ok) {
    return { row, nikText, nama, noKkText, desaText: shownDesa, errors, warnings, programs: programNames, member: null, family: null };
  }
  const desilNum = typeof desilValue === 'number' ? desilValue : null;
  return {
    row,
    nikText,
    nama,
    noKkText,
    desaText: shownDesa,
    errors,
    warnings,
    programs: programNames,
    member: {
      nik: nikCheck.value,
      nama,
      nama_key: normalizeKey(nama),
      jenis_kelamin: jk,
      tempat_lahir: text(v.tempatLahir, 80),
      tanggal_lahir: tanggalLahir,
      hubungan: rel.hubungan,
      ibu_kandung: text(v.ibuKandung, 120),
      status_kawin: text(v.statusKawin, 40),
      pekerjaan: text(v.pekerjaan, 80),
      pendidikan: text(v.pendidikan, 80),
      disabilitas,
      hamil: hamilValue === true ? 1 : 0,
      padan: padanValue === 'unknown' ? 'belum' : padanValue,
      // In a P3KE sheet the ID column is "ID Individu", kept as such.
      id_dtks: p3keRow ? null : text(v.idDtks, 40),
      id_p3ke_individu: p3keRow ? (p3keRow.idIndividu ?? text(v.idDtks, 40)) : null,
      p3ke_resiko_stunting: p3keRow && !kepalaRow ? stuntingValue : null,
      p3ke_urutan: rel.urutan,
    },
    family: {
      no_kk: noKk ?? null,
      alamat: text(v.alamat, 200) ?? '',
      dusun: text(v.dusun, 80),
      rt: rtRw(v.rt),
      rw: rtRw(v.rw),
      desa_kode: region.desa.kode,
      kecamatan_kode: region.kecamatan.kode,
      id_dtks: p3keRow ? null : text(v.idKeluarga, 40),
      desil: desilNum,
      // P3KE ranks extreme-poor families in desil 1.
      miskin_ekstrem: desilNum === 1 ? 1 : 0,
      id_p3ke: idP3ke,
      // A keluarga sheet's stunting risk is the family's; an individu sheet's, the person's.
      p3ke_resiko_stunting: p3keRow && kepalaRow ? stuntingValue : null,
      p3ke_tahun: p3keRow?.tahun ?? null,
      p3ke_prioritas: p3keRow?.prioritas ?? null,
      p3ke_persentil: p3keRow?.persentil ?? null,
      p3ke_memenuhi: p3keRow?.memenuhi ?? null,
      p3ke_keterangan: p3keRow?.keterangan ?? null,
    },
  };
}
