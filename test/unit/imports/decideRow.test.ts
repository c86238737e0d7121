/**
 * The import's merge rules, case by case, without a database: decideRow gets a checked row, what is known
 * about its NIK and No KK, and the caller's scope.
 */
import { describe, expect, it } from 'vitest';
import type { CheckedRow } from '../../../electron/core/imports/checkRow';
import { decideRow, type DecideOptions, type ExistingFamily, type ExistingMember, type Known } from '../../../electron/core/imports/decideRow';
import { RegionIndex } from '../../../electron/core/regions/regionIndex';
import type { Scope } from '../../../electron/core/registry/scope';

const ALL: Scope = { all: true, kecamatan: [], desa: [] };
/** An operator of kecamatan Baamang (62.02.05). */
const BAAMANG: Scope = { all: false, kecamatan: ['62.02.05'], desa: [] };
const MERGE: DecideOptions = { duplicateMode: 'merge', regions: new RegionIndex() };
const SKIP: DecideOptions = { ...MERGE, duplicateMode: 'skip' };

const NIK = '6202054203800001';
const KK = '6202051203100031';

function row(over: { nama?: string; desa?: string; kec?: string; programs?: string[]; errors?: boolean } = {}): CheckedRow {
  const nama = over.nama ?? 'SITI AMINAH';
  const base = {
    row: 7,
    nikText: NIK,
    nama,
    noKkText: KK,
    desaText: 'Baamang Hulu',
    errors: over.errors ? [{ code: 'NAMA_EMPTY', field: 'nama', message: 'Nama kosong.' }] : [],
    warnings: [{ code: 'PADAN_UNKNOWN', field: 'padan', message: 'Status padan "?" tidak dikenali; dicatat "belum".' }],
    programs: over.programs ?? [],
  };
  if (over.errors) return { ...base, member: null, family: null };
  return {
    ...base,
    member: {
      nik: NIK, nama, nama_key: nama.toLowerCase(), jenis_kelamin: 'P', tempat_lahir: 'Sampit', tanggal_lahir: '1980-03-02', hubungan: 'Kepala Keluarga',
      ibu_kandung: null, status_kawin: null, pekerjaan: null, pendidikan: null, disabilitas: null, hamil: 0, padan: 'belum', id_dtks: null,
      id_p3ke_individu: null, p3ke_resiko_stunting: null, p3ke_urutan: null,
    },
    family: {
      no_kk: KK, alamat: 'Jl. Tidar', dusun: null, rt: '3', rw: '1', desa_kode: over.desa ?? '62.02.05.1003', kecamatan_kode: over.kec ?? '62.02.05',
      id_dtks: null, desil: 2, miskin_ekstrem: 0,
      id_p3ke: null, p3ke_resiko_stunting: null, p3ke_tahun: null, p3ke_prioritas: null, p3ke_persentil: null, p3ke_memenuhi: null, p3ke_keterangan: null,
    },
  };
}

function member(over: Partial<ExistingMember> = {}): ExistingMember {
  return {
    id: 41, keluarga_id: 9, nik: NIK, nama_key: 'siti aminah', hamil: 0, updated_at: '2024-01-01T00:00:00.000Z',
    family_desa_kode: '62.02.05.1003', family_kecamatan_kode: '62.02.05',
    nama: 'SITI AMINAH', jenis_kelamin: 'P', tempat_lahir: 'Sampit', tanggal_lahir: '1980-03-02', hubungan: 'Kepala Keluarga', ibu_kandung: null,
    status_kawin: null, pekerjaan: null, pendidikan: null, disabilitas: null, padan: 'belum', id_dtks: null,
    id_p3ke_individu: null, p3ke_resiko_stunting: null, p3ke_urutan: null,
    ...over,
  };
}

function family(over: Partial<ExistingFamily> = {}): ExistingFamily {
  return {
    id: 9, no_kk: KK, miskin_ekstrem: 0, updated_at: '2024-01-01T00:00:00.000Z', alamat: 'Jl. Tidar', dusun: null, rt: '3', rw: '1',
    desa_kode: '62.02.05.1003', kecamatan_kode: '62.02.05', id_dtks: null, desil: 2, id_p3ke: null,
    p3ke_resiko_stunting: null, p3ke_tahun: null, p3ke_prioritas: null, p3ke_persentil: null, p3ke_memenuhi: null, p3ke_keterangan: null,
    ...over,
  };
}

const nothing: Known = { nikFirstRow: undefined, fileFamily: undefined, member: null, family: null, programsHeld: undefined };

describe('decideRow', () => {
  it('rejects a row that failed its checks with the check reasons, and takes nothing', () => {
    const d = decideRow(row({ errors: true }), nothing, ALL, MERGE);
    expect(d).toMatchObject({ outcome: 'rejected', claimsNik: false, family: null, member: null });
    expect(d.reasons.map((r) => r.code)).toEqual(['NAMA_EMPTY']);
  });

  it('new person in a new family: both inserted, the NIK taken', () => {
    const d = decideRow(row(), nothing, ALL, MERGE);
    expect(d).toMatchObject({ outcome: 'imported', claimsNik: true, family: { kind: 'new' }, member: { kind: 'new' } });
    expect(d.changes).toBeUndefined();
  });

  it('new person joining a family an earlier row settled; a different desa is a warning, the first row wins', () => {
    const same = decideRow(row(), { ...nothing, fileFamily: { id: -5, firstRow: 3, desaKode: '62.02.05.1003', kecamatanKode: '62.02.05' } }, ALL, MERGE);
    expect(same).toMatchObject({ outcome: 'imported', family: { kind: 'settled', id: -5 } });
    expect(same.warnings.map((w) => w.code)).toEqual(['PADAN_UNKNOWN']);
    const other = decideRow(row({ desa: '62.02.05.1004' }), { ...nothing, fileFamily: { id: -5, firstRow: 3, desaKode: '62.02.05.1003', kecamatanKode: '62.02.05' } }, ALL, MERGE);
    expect(other.warnings.map((w) => w.code)).toEqual(['PADAN_UNKNOWN', 'FAMILY_CONFLICT']);
    expect(other.warnings[1]!.message).toContain('baris 3');
  });

  it('update: only the cells that differ, with the values they replace', () => {
    const d = decideRow(row({ nama: 'SITI AMINAH BINTI ALI' }), { ...nothing, member: member(), family: family() }, ALL, MERGE);
    expect(d.outcome).toBe('updated');
    expect(d.member).toMatchObject({ kind: 'update', moves: false, set: { nama: 'SITI AMINAH BINTI ALI', nama_key: 'siti aminah binti ali' }, before: { nama: 'SITI AMINAH', nama_key: 'siti aminah' } });
    expect(d.changes).toEqual([{ field: 'nama', label: 'Nama', before: 'SITI AMINAH', after: 'SITI AMINAH BINTI ALI' }]);
    expect(d.family).toMatchObject({ kind: 'existing', set: {} });
  });

  it('move: a registered person listed under another registered No KK moves there', () => {
    const d = decideRow(row(), { ...nothing, member: member({ keluarga_id: 4 }), family: family({ id: 9 }) }, ALL, MERGE);
    expect(d.outcome).toBe('updated');
    expect(d.member).toMatchObject({ kind: 'update', moves: true, set: {}, before: { keluarga_id: 4 } });
    expect(d.changes).toEqual([{ field: 'keluarga_id', label: 'No KK', before: null, after: KK }]);
  });

  it('move into a family new to the registry', () => {
    const d = decideRow(row(), { ...nothing, member: member({ keluarga_id: 4 }) }, ALL, MERGE);
    expect(d).toMatchObject({ outcome: 'updated', family: { kind: 'new' }, member: { kind: 'update', moves: true } });
  });

  it("a registered family's changed region is an update of the family, listed on the row", () => {
    const d = decideRow(row({ desa: '62.02.05.1004' }), { ...nothing, family: family() }, ALL, MERGE);
    expect(d.outcome).toBe('imported');
    expect(d.family).toMatchObject({ kind: 'existing', set: { desa_kode: '62.02.05.1004' }, before: { desa_kode: '62.02.05.1003' } });
    expect(d.changes!.map((c) => c.field)).toEqual(['desa_kode']);
  });

  it('the same data again is a duplicate of the registry that changes nothing', () => {
    const d = decideRow(row(), { ...nothing, member: member(), family: family() }, ALL, MERGE);
    expect(d).toMatchObject({ outcome: 'duplicate-registry', claimsNik: true, member: null });
    expect(d.reasons[0]!.code).toBe('DUPLICATE_REGISTRY_SAME');
  });

  it('new programmes alone make an update', () => {
    const d = decideRow(row({ programs: ['PKH', 'BPNT'] }), { ...nothing, member: member(), family: family(), programsHeld: new Set(['PKH']) }, ALL, MERGE);
    expect(d.outcome).toBe('updated');
    expect(d.member).toMatchObject({ newPrograms: ['BPNT'] });
    expect(d.changes).toEqual([{ field: 'program', label: 'Program bansos', before: null, after: '+ BPNT' }]);
  });

  it('skip mode: a registered NIK is skipped untouched', () => {
    const d = decideRow(row({ nama: 'NAMA LAIN' }), { ...nothing, member: member(), family: family() }, ALL, SKIP);
    expect(d).toMatchObject({ outcome: 'duplicate-registry', claimsNik: true, family: null, member: null });
    expect(d.reasons[0]!.code).toBe('DUPLICATE_REGISTRY');
  });

  it('duplicate in the sheet: names the first row, writes nothing', () => {
    const d = decideRow(row(), { ...nothing, nikFirstRow: 3 }, ALL, MERGE);
    expect(d).toMatchObject({ outcome: 'duplicate-in-file', duplicateOfRow: 3, claimsNik: false, family: null, member: null });
  });

  it("out of scope: a NIK registered outside the operator's wilayah is refused and nothing of the record is told", () => {
    const elsewhere = member({ nama: 'RAHASIA KECAMATAN LAIN', family_desa_kode: '62.02.13.2011', family_kecamatan_kode: '62.02.13', keluarga_id: 77 });
    for (const options of [MERGE, SKIP]) {
      for (const nikFirstRow of [undefined, 3]) {
        const d = decideRow(row({ nama: 'SITI AMINAH BINTI ALI' }), { ...nothing, nikFirstRow, member: elsewhere }, BAAMANG, options);
        expect(d).toEqual({
          outcome: 'rejected',
          reasons: [{ code: 'NIK_OUTSIDE_SCOPE', field: 'nik', message: 'NIK terdaftar di luar wilayah kerja Anda; baris ini tidak diimpor.' }],
          warnings: [],
          concealed: true,
          claimsNik: false,
          family: null,
          member: null,
        });
      }
    }
    // An office-wide user decides the same row as a move.
    expect(decideRow(row(), { ...nothing, member: elsewhere }, ALL, MERGE).outcome).toBe('updated');
  });

  it("out of scope: a No KK registered outside the operator's wilayah is refused (the row's own region is theirs)", () => {
    const elsewhere = family({ desa_kode: '62.02.13.2011', kecamatan_kode: '62.02.13', alamat: 'Jl. Rahasia' });
    const d = decideRow(row(), { ...nothing, family: elsewhere }, BAAMANG, MERGE);
    expect(d).toEqual({
      outcome: 'rejected',
      reasons: [{ code: 'KK_OUTSIDE_SCOPE', field: 'noKk', message: 'No KK terdaftar di luar wilayah kerja Anda; baris ini tidak diimpor.' }],
      warnings: [],
      concealed: true,
      claimsNik: false,
      family: null,
      member: null,
    });
    // Also for a person of the operator's own area who would move into that family.
    expect(decideRow(row(), { ...nothing, member: member({ keluarga_id: 4 }), family: elsewhere }, BAAMANG, MERGE).reasons[0]!.code).toBe('KK_OUTSIDE_SCOPE');
  });

  it("out of scope: a new family in a desa outside the operator's wilayah is refused, whatever checked the row", () => {
    const d = decideRow(row({ desa: '62.02.13.2011', kec: '62.02.13' }), nothing, BAAMANG, MERGE);
    expect(d.outcome).toBe('rejected');
    // The message checkRow gives, naming the desa (this test's empty region index has only its code to name it by).
    expect(d.reasons).toEqual([{ code: 'OUTSIDE_WILAYAH', field: 'desa', message: '62.02.13.2011 di luar wilayah kerja Anda sebagai operator.' }]);
    expect(d.family).toBeNull();
    expect(decideRow(row({ desa: '62.02.13.2011', kec: '62.02.13' }), nothing, ALL, MERGE).outcome).toBe('imported');
  });

  it("in scope: an operator updates and moves records of their own wilayah (desa scope included)", () => {
    const d = decideRow(row({ nama: 'SITI A' }), { ...nothing, member: member({ keluarga_id: 4 }), family: family() }, BAAMANG, MERGE);
    expect(d).toMatchObject({ outcome: 'updated', member: { moves: true } });
    const desaOnly: Scope = { all: false, kecamatan: [], desa: ['62.02.05.1003'] };
    expect(decideRow(row(), { ...nothing, member: member({ keluarga_id: 4 }), family: family() }, desaOnly, MERGE).outcome).toBe('updated');
    const otherDesa = member({ family_desa_kode: '62.02.05.1004' });
    expect(decideRow(row(), { ...nothing, member: otherDesa, family: family() }, desaOnly, MERGE).reasons[0]!.code).toBe('NIK_OUTSIDE_SCOPE');
  });
});
