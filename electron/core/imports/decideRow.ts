/**
 * The import's merge rules, as one pure function: a checked sheet row, what is already known about its NIK
 * and No KK (earlier rows of the same file, the registry's records), and the caller's wilayah → what happens
 * to the row and what it writes. No database, no I/O: the pipeline looks records up, calls this, and writes
 * what it returns, so every rule is table-tested alone (test/unit/imports/decideRow.test.ts).
 *
 * Scope: an operator's import never reads or changes a record registered outside their wilayah. A row whose
 * NIK or No KK is registered elsewhere is rejected with a fixed reason that says nothing of the stored record
 * (no name, desa or change list), and the same rule refuses a row of their own area that would move a person
 * or family into or out of it (the sheet's own region outside the wilayah is already refused by checkRow).
 */
import type { DuplicateMode, FieldChange, RowOutcome, RowProblem } from '../../../shared/api/imports';
import type { RegionIndex } from '../regions';
import { inScope, type Scope } from '../api/scope';
import { outsideWilayah, type CheckedRow, type FamilyData, type MemberData } from './checkRow';
import { describeChanges, fieldLabel, programChanges } from './fieldChanges';

export const MEMBER_FIELDS = [
  'nama', 'jenis_kelamin', 'tempat_lahir', 'tanggal_lahir', 'hubungan', 'ibu_kandung', 'status_kawin', 'pekerjaan',
  'pendidikan', 'disabilitas', 'padan', 'id_dtks', 'id_p3ke_individu', 'p3ke_resiko_stunting', 'p3ke_urutan',
] as const satisfies readonly (keyof MemberData)[];
export const FAMILY_FIELDS = [
  'alamat', 'dusun', 'rt', 'rw', 'desa_kode', 'kecamatan_kode', 'id_dtks', 'desil', 'p3ke_resiko_stunting', 'p3ke_tahun', 'p3ke_prioritas',
  'p3ke_persentil', 'p3ke_memenuhi', 'p3ke_keterangan',
] as const satisfies readonly (keyof FamilyData)[];

/** A registered person as the import looks them up: their fields and the region of the family they are in. */
export type ExistingMember = {
  id: number;
  keluarga_id: number;
  nik: string;
  nama_key: string;
  hamil: number;
  updated_at: string;
  /** The region of the family the person is in now (keluarga.desa_kode / kecamatan_kode). */
  family_desa_kode: string;
  family_kecamatan_kode: string;
} & Record<(typeof MEMBER_FIELDS)[number], unknown>;

export type ExistingFamily = {
  id: number;
  no_kk: string | null;
  id_p3ke: string | null;
  miskin_ekstrem: number;
  updated_at: string;
  desa_kode: string;
  kecamatan_kode: string;
} & Record<(typeof FAMILY_FIELDS)[number], unknown>;

/** The key a family is known by in one file: its No KK, else its ID Keluarga P3KE. */
export function familyKey(f: Pick<FamilyData, 'no_kk' | 'id_p3ke'>): string {
  return f.no_kk ?? `p3ke:${f.id_p3ke ?? ''}`;
}

/** A No KK this file has already settled (its first accepted row decided the family's data). */
export interface FileFamily {
  /** The family's id (a placeholder below zero in a preview for a new family). */
  id: number;
  firstRow: number;
  desaKode: string;
  /** The family's kecamatan as its first row settled it (later rows of the No KK may name another). */
  kecamatanKode: string;
}

/** Everything known about a row's NIK and No KK before it is decided. */
export interface Known {
  /** The sheet row where this NIK was first accepted, if an earlier row was. */
  nikFirstRow: number | undefined;
  /** The family as an earlier row of this file settled it. */
  fileFamily: FileFamily | undefined;
  /** The registry's person with this NIK. */
  member: ExistingMember | null;
  /** The registry's family with this No KK (looked up only when the file has not settled it yet). */
  family: ExistingFamily | null;
  /** The registry's family with the row's ID Keluarga P3KE (same condition). */
  p3keFamily?: ExistingFamily | null;
  /**
   * The registered family of a registered person of the row's family in this file — the row's own person, or
   * for a P3KE family any of its members in the same chunk of rows — so that a P3KE family is matched through
   * a member already in the registry, and a family without No KK gets its No KK from a DTKS row.
   */
  memberFamily?: ExistingFamily | null;
  /** Programmes the registered person already receives. */
  programsHeld: ReadonlySet<string> | undefined;
}

export interface DecideOptions {
  duplicateMode: DuplicateMode;
  regions: RegionIndex;
  /** An operator workbook's rows as issued: an emptied cell clears the stored value (see EmptiedCells). */
  emptied?: EmptiedCells | undefined;
}

/**
 * An operator workbook (workbooks feature) is issued filled with the registry's values: in its rows up to
 * `untilRow`, a cell the operator emptied means "no longer so" and clears the stored value (shown as a change
 * to nothing), unless the record was changed in the app after the workbook was made (`since`): then the stored
 * value is kept, with a warning. Emptying a `required` field there refuses the row. Any other sheet, and the
 * workbook's new rows, only ever fill values in.
 */
export interface EmptiedCells {
  untilRow: number;
  since: string;
  /** Member and family columns the workbook carries that may be cleared. */
  fields: readonly string[];
  /** Columns that may not be emptied (the row is refused). */
  required: readonly string[];
}

/** What the row does to its family. */
export type FamilyPlan =
  /** First row of a No KK not in the registry: insert it. */
  | { kind: 'new'; data: FamilyData }
  /**
   * First row of a registered family (by No KK, ID Keluarga P3KE or a registered member): these fields change
   * (`set` may be empty). `mergeFrom`: a family without No KK that is the same family; the pipeline moves its
   * members and P3KE facts here once the rows are written (registry/merge.ts).
   */
  | { kind: 'existing'; existing: ExistingFamily; set: Record<string, unknown>; before: Record<string, unknown>; mergeFrom?: ExistingFamily }
  /** An earlier row of the file already settled the family. */
  | { kind: 'settled'; id: number };

/** What the row does to its person. */
export type MemberPlan =
  | { kind: 'new'; data: MemberData; programs: string[] }
  /**
   * `set` holds the changed fields; `moves` says the person moves to the row's family (the pipeline adds the
   * family's id, which a new family only gets when written). `before` holds the replaced values.
   */
  | { kind: 'update'; existing: ExistingMember; set: Record<string, unknown>; moves: boolean; before: Record<string, unknown>; newPrograms: string[] };

export interface Decision {
  outcome: RowOutcome;
  reasons: RowProblem[];
  warnings: RowProblem[];
  duplicateOfRow?: number;
  changes?: FieldChange[];
  /** The row was refused because of a record outside the caller's wilayah: show nothing but the refusal. */
  concealed?: boolean;
  /** The row takes its NIK: a later row with the same NIK is a duplicate in the file. */
  claimsNik: boolean;
  /** Set when the row settles or uses its family (every outcome but rejected and duplicates before it). */
  family: FamilyPlan | null;
  /** Set for imported and updated rows. */
  member: MemberPlan | null;
}

export const OUTSIDE_SCOPE_NIK = 'NIK terdaftar di luar wilayah kerja Anda';
export const OUTSIDE_SCOPE_KK = 'No KK terdaftar di luar wilayah kerja Anda';
export const OUTSIDE_SCOPE_P3KE = 'ID Keluarga P3KE terdaftar di luar wilayah kerja Anda';

function differs(a: unknown, b: unknown): boolean {
  return (a ?? null) !== (b ?? null);
}

function refuse(c: CheckedRow, reasons: RowProblem[], concealed = false): Decision {
  return { outcome: 'rejected', reasons, warnings: concealed ? [] : c.warnings, claimsNik: false, family: null, member: null, ...(concealed ? { concealed } : {}) };
}

/** The registered family a row belongs to, and a family without No KK that turns out to be the same one. */
function matchFamily(f: FamilyData, known: Known): { ex: ExistingFamily | null; mergeFrom: ExistingFamily | null; warnings: RowProblem[] } {
  const byKk = known.family;
  const byP3ke = known.p3keFamily ?? null;
  const byMember = known.memberFamily ?? null;
  const warnings: RowProblem[] = [];
  // The P3KE ID names the same family unless both carry different No KKs.
  const p3keFits = byP3ke !== null && (f.no_kk === null || byP3ke.no_kk === null || byP3ke.no_kk === f.no_kk);
  if (byP3ke && !p3keFits) {
    warnings.push({
      code: 'P3KE_ID_CONFLICT',
      field: 'idKeluarga',
      message: `ID Keluarga P3KE ${f.id_p3ke ?? ''} sudah tercatat pada keluarga dengan No KK lain; ID ini tidak dipindahkan ke No KK ${f.no_kk ?? ''}.`,
    });
  }
  // A registered member's family fits when it has no No KK yet (or the same one) and no other P3KE ID.
  const memberFits =
    byMember !== null && (f.no_kk === null || byMember.no_kk === null || byMember.no_kk === f.no_kk) && (f.id_p3ke === null || byMember.id_p3ke === null || byMember.id_p3ke === f.id_p3ke);
  const ex = byKk ?? (p3keFits ? byP3ke : null) ?? (memberFits ? byMember : null);
  if (!ex) return { ex: null, mergeFrom: null, warnings };
  // A family known only by its P3KE ID (no No KK) found to be this family: merged into it.
  const other = [p3keFits ? byP3ke : null, memberFits ? byMember : null].find((x) => x !== null && x.id !== ex.id && x.no_kk === null) ?? null;
  return { ex, mergeFrom: other, warnings };
}

/** What an issued workbook row's emptied cells clear, or the row's refusal / the kept values' warnings. */
function emptiedCells(row: number, data: Record<string, unknown>, stored: Record<string, unknown> & { updated_at: string }, fields: readonly string[], e: EmptiedCells | undefined) {
  const clear: Record<string, null> = {};
  const refused: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  if (!e || row > e.untilRow) return { clear, refused, warnings };
  for (const k of fields) {
    if (!e.fields.includes(k) && !e.required.includes(k)) continue;
    const v = data[k];
    const had = stored[k];
    if ((v !== null && v !== '') || had === null || had === undefined || had === '') continue;
    if (e.required.includes(k)) {
      refused.push({ code: 'EMPTIED_REQUIRED', field: k, message: `${fieldLabel(k)} dikosongkan; kolom ini wajib diisi dan tidak dapat dihapus lewat lembar kerja. Baris ini tidak diterapkan.` });
    } else if (stored.updated_at > e.since) {
      warnings.push({ code: 'EMPTIED_KEPT', field: k, message: `${fieldLabel(k)} kosong di lembar kerja, tetapi data ini diubah di aplikasi setelah lembar kerja dibuat; nilai tersimpan dipertahankan.` });
    } else clear[k] = null;
  }
  return { clear, refused, warnings };
}

function familyPlan(f: FamilyData, known: Known, row = 0, emptied?: EmptiedCells): { plan: FamilyPlan; warnings: RowProblem[]; refused?: RowProblem[] } {
  if (known.fileFamily) return { plan: { kind: 'settled', id: known.fileFamily.id }, warnings: [] };
  const { ex, mergeFrom, warnings } = matchFamily(f, known);
  if (!ex) {
    // A P3KE ID held by a family with another No KK stays there; this family is registered without it.
    const conflict = warnings.length > 0;
    return { plan: { kind: 'new', data: conflict ? { ...f, id_p3ke: null } : f }, warnings };
  }
  const set: Record<string, unknown> = {};
  for (const k of FAMILY_FIELDS) {
    const val = f[k];
    if (val !== null && val !== '' && differs(ex[k], val)) set[k] = val;
  }
  if (f.miskin_ekstrem === 1 && ex.miskin_ekstrem !== 1) set.miskin_ekstrem = 1;
  // The No KK arrives for a family known by its P3KE ID alone.
  if (ex.no_kk === null && f.no_kk !== null) set.no_kk = f.no_kk;
  const cleared = emptiedCells(row, f, ex, FAMILY_FIELDS, emptied);
  if (cleared.refused.length > 0) return { plan: { kind: 'settled', id: ex.id }, warnings, refused: cleared.refused };
  Object.assign(set, cleared.clear);
  warnings.push(...cleared.warnings);
  // The P3KE ID is added when the family has none and no family to be merged holds it (the merge moves it).
  const heldElsewhere = (known.p3keFamily && known.p3keFamily.id !== ex.id) || (mergeFrom && mergeFrom.id_p3ke === f.id_p3ke);
  if (f.id_p3ke !== null && ex.id_p3ke === null && !heldElsewhere) set.id_p3ke = f.id_p3ke;
  const before: Record<string, unknown> = {};
  for (const k of Object.keys(set)) before[k] = (ex as Record<string, unknown>)[k];
  return { plan: { kind: 'existing', existing: ex, set, before, ...(mergeFrom ? { mergeFrom } : {}) }, warnings };
}

export function decideRow(c: CheckedRow, known: Known, scope: Scope, options: DecideOptions): Decision {
  if (!c.member || !c.family) return refuse(c, c.errors);
  const m = c.member;
  const f = c.family;

  // Nothing of a record outside the wilayah is read further, compared or shown.
  if (!scope.all) {
    if (known.member && !inScope(scope, known.member.family_desa_kode, known.member.family_kecamatan_kode)) {
      return refuse(c, [{ code: 'NIK_OUTSIDE_SCOPE', field: 'nik', message: `${OUTSIDE_SCOPE_NIK}; baris ini tidak diimpor.` }], true);
    }
    if (!known.fileFamily && known.family && !inScope(scope, known.family.desa_kode, known.family.kecamatan_kode)) {
      return refuse(c, [{ code: 'KK_OUTSIDE_SCOPE', field: 'noKk', message: `${OUTSIDE_SCOPE_KK}; baris ini tidak diimpor.` }], true);
    }
    const p3ke = known.fileFamily ? null : known.p3keFamily;
    if (p3ke && !inScope(scope, p3ke.desa_kode, p3ke.kecamatan_kode)) {
      return refuse(c, [{ code: 'P3KE_OUTSIDE_SCOPE', field: 'idKeluarga', message: `${OUTSIDE_SCOPE_P3KE}; baris ini tidak diimpor.` }], true);
    }
    // checkRow refuses these already; a second look where the rows are written, whatever checked them.
    if (!inScope(scope, f.desa_kode, f.kecamatan_kode)) {
      return refuse(c, [outsideWilayah(options.regions.nameOf(f.desa_kode))]);
    }
  }

  if (known.nikFirstRow !== undefined) {
    return {
      outcome: 'duplicate-in-file',
      duplicateOfRow: known.nikFirstRow,
      reasons: [{ code: 'DUPLICATE_IN_FILE', field: 'nik', message: `NIK ${m.nik} sudah ada di baris ${known.nikFirstRow} berkas ini; baris ini tidak diimpor.` }],
      warnings: c.warnings,
      claimsNik: false,
      family: null,
      member: null,
    };
  }
  const existing = known.member;
  if (existing && options.duplicateMode === 'skip') {
    return {
      outcome: 'duplicate-registry',
      reasons: [{ code: 'DUPLICATE_REGISTRY', field: 'nik', message: `NIK ${m.nik} sudah ada di registri; dilewati (tidak diperbarui).` }],
      warnings: c.warnings,
      claimsNik: true,
      family: null,
      member: null,
    };
  }

  // The family: the first row of a No KK (or ID Keluarga P3KE) decides its data; later rows only add members.
  const { plan: family, warnings: familyWarnings, refused: familyRefused } = familyPlan(f, known, c.row, options.emptied);
  const memberEmptied = existing ? emptiedCells(c.row, m, existing, MEMBER_FIELDS, options.emptied) : null;
  const emptiedRefusal = [...(familyRefused ?? []), ...(memberEmptied?.refused ?? [])];
  if (emptiedRefusal.length > 0) return refuse(c, emptiedRefusal);
  const kept = memberEmptied?.warnings ?? [];
  const rowWarnings = familyWarnings.length + kept.length > 0 ? [...c.warnings, ...familyWarnings, ...kept] : c.warnings;
  const warnings =
    known.fileFamily && known.fileFamily.desaKode !== f.desa_kode
      ? [
          ...rowWarnings,
          {
            code: 'FAMILY_CONFLICT',
            field: 'desa',
            message: `Desa/kelurahan berbeda dengan baris ${known.fileFamily.firstRow} untuk ${f.no_kk !== null ? 'No KK' : 'ID Keluarga P3KE'} yang sama; dipakai data baris ${known.fileFamily.firstRow}.`,
          },
        ]
      : rowWarnings;
  const familyChanges = family.kind === 'existing' && Object.keys(family.set).length > 0 ? describeChanges(family.existing, family.set, options.regions) : null;

  if (!existing) {
    // Assigned after, not spread into the literal: a spread in the middle of a literal builds the object the slow
    // way, and this is every new person's decision.
    const imported: Decision = { outcome: 'imported', reasons: [], warnings, claimsNik: true, family, member: { kind: 'new', data: m, programs: c.programs } };
    if (familyChanges) imported.changes = familyChanges;
    return imported;
  }

  // Merge into the existing person: only cells the sheet fills in, and only when they differ.
  const set: Record<string, unknown> = {};
  for (const k of MEMBER_FIELDS) {
    const val = m[k];
    if (val === null || (k === 'padan' && val === 'belum')) continue;
    if (differs(existing[k], val)) set[k] = val;
  }
  if (m.hamil === 1 && existing.hamil !== 1) set.hamil = 1;
  Object.assign(set, memberEmptied?.clear);
  if (set.nama !== undefined) set.nama_key = m.nama_key;
  const familyId = family.kind === 'new' ? null : family.kind === 'settled' ? family.id : family.existing.id;
  const moves = existing.keluarga_id !== familyId;
  const have = known.programsHeld;
  const newPrograms = c.programs.filter((p) => !have?.has(p));
  if (Object.keys(set).length === 0 && !moves && newPrograms.length === 0 && !familyChanges) {
    return {
      outcome: 'duplicate-registry',
      reasons: [{ code: 'DUPLICATE_REGISTRY_SAME', field: 'nik', message: `NIK ${m.nik} sudah ada di registri dengan data yang sama; tidak ada perubahan.` }],
      warnings,
      claimsNik: true,
      family,
      member: null,
    };
  }
  const before: Record<string, unknown> = {};
  for (const k of Object.keys(set)) before[k] = (existing as Record<string, unknown>)[k];
  if (moves) before.keluarga_id = existing.keluarga_id;
  const shownSet = moves ? { ...set, keluarga_id: familyId } : set;
  return {
    outcome: 'updated',
    reasons: [],
    warnings,
    changes: [...describeChanges(existing, shownSet, options.regions, f.no_kk ?? (f.id_p3ke !== null ? `P3KE ${f.id_p3ke}` : undefined)), ...programChanges(newPrograms), ...(familyChanges ?? [])],
    claimsNik: true,
    family,
    member: { kind: 'update', existing, set, moves, before, newPrograms },
  };
}
