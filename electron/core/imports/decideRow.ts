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
import type { RegionIndex } from '../regions/regionIndex';
import { inScope, type Scope } from '../registry/scope';
import type { CheckedRow, FamilyData, MemberData } from './checkRow';
import { describeChanges, programChanges } from './fieldChanges';

export const MEMBER_FIELDS = [
  'nama', 'jenis_kelamin', 'tempat_lahir', 'tanggal_lahir', 'hubungan', 'ibu_kandung', 'status_kawin', 'pekerjaan',
  'pendidikan', 'disabilitas', 'padan', 'id_dtks',
] as const satisfies readonly (keyof MemberData)[];
export const FAMILY_FIELDS = ['alamat', 'dusun', 'rt', 'rw', 'desa_kode', 'kecamatan_kode', 'id_dtks', 'desil'] as const satisfies readonly (keyof FamilyData)[];

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

export type ExistingFamily = { id: number; no_kk: string; miskin_ekstrem: number; updated_at: string; desa_kode: string; kecamatan_kode: string } & Record<
  (typeof FAMILY_FIELDS)[number],
  unknown
>;

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
  /** Programmes the registered person already receives. */
  programsHeld: ReadonlySet<string> | undefined;
}

export interface DecideOptions {
  duplicateMode: DuplicateMode;
  regions: RegionIndex;
}

/** What the row does to its family. */
export type FamilyPlan =
  /** First row of a No KK not in the registry: insert it. */
  | { kind: 'new'; data: FamilyData }
  /** First row of a registered No KK: these fields change (`set` may be empty). */
  | { kind: 'existing'; existing: ExistingFamily; set: Record<string, unknown>; before: Record<string, unknown> }
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

function differs(a: unknown, b: unknown): boolean {
  return (a ?? null) !== (b ?? null);
}

function refuse(c: CheckedRow, reasons: RowProblem[], concealed = false): Decision {
  return { outcome: 'rejected', reasons, warnings: concealed ? [] : c.warnings, claimsNik: false, family: null, member: null, ...(concealed ? { concealed } : {}) };
}

function familyPlan(f: FamilyData, known: Known): FamilyPlan {
  if (known.fileFamily) return { kind: 'settled', id: known.fileFamily.id };
  const ex = known.family;
  if (!ex) return { kind: 'new', data: f };
  const set: Record<string, unknown> = {};
  for (const k of FAMILY_FIELDS) {
    const val = f[k];
    if (val !== null && val !== '' && differs(ex[k], val)) set[k] = val;
  }
  if (f.miskin_ekstrem === 1 && ex.miskin_ekstrem !== 1) set.miskin_ekstrem = 1;
  const before: Record<string, unknown> = {};
  for (const k of Object.keys(set)) before[k] = (ex as Record<string, unknown>)[k];
  return { kind: 'existing', existing: ex, set, before };
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

  // The family: the first row of a No KK decides its data; later rows only add members.
  const family = familyPlan(f, known);
  const warnings =
    known.fileFamily && known.fileFamily.desaKode !== f.desa_kode
      ? [
          ...c.warnings,
          {
            code: 'FAMILY_CONFLICT',
            field: 'desa',
            message: `Desa/kelurahan berbeda dengan baris ${known.fileFamily.firstRow} untuk No KK yang sama; dipakai data baris ${known.fileFamily.firstRow}.`,
          },
        ]
      : c.warnings;
  const familyChanges = family.kind === 'existing' && Object.keys(family.set).length > 0 ? describeChanges(family.existing, family.set, options.regions) : null;

  if (!existing) {
    return {
      outcome: 'imported',
      reasons: [],
      warnings,
      ...(familyChanges ? { changes: familyChanges } : {}),
      claimsNik: true,
      family,
      member: { kind: 'new', data: m, programs: c.programs },
    };
  }

  // Merge into the existing person: only cells the sheet fills in, and only when they differ.
  const set: Record<string, unknown> = {};
  for (const k of MEMBER_FIELDS) {
    const val = m[k];
    if (val === null || (k === 'padan' && val === 'belum')) continue;
    if (differs(existing[k], val)) set[k] = val;
  }
  if (m.hamil === 1 && existing.hamil !== 1) set.hamil = 1;
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
    changes: [...describeChanges(existing, shownSet, options.regions, f.no_kk), ...programChanges(newPrograms), ...(familyChanges ?? [])],
    claimsNik: true,
    family,
    member: { kind: 'update', existing, set, moves, before, newPrograms },
  };
}
