/**
 * Issue 21: a P3KE individu download (formats.md §1.6) imports whole. It has no No KK column: families are
 * named by their ID Keluarga P3KE, people by NIK. New families are registered without No KK ("No KK belum
 * diketahui"); a family with a member already in the registry is matched and gets the P3KE facts, with history;
 * only the faulty rows are rejected (a desil outside 1–10: the family's rows; a bad NIK: that person). A later
 * DTKS sheet or the family form giving the No KK merges the families; undo gives everything back.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { runImport, type ImportResult } from '../../../electron/core/imports/pipeline';
import { undoBatch } from '../../../electron/core/imports/undo';
import type { DashboardSummary } from '../../../shared/api/dashboard';
import type { KeluargaDetail } from '../../../shared/api/registry';
import { familiesOfAtLeast, makeFamilies, DTKS_HEADERS, dtksRow, type FixtureKeluarga } from '../../helpers/registryFixtures';
import { tempDir, writeXlsx } from '../../helpers/xlsx';
import { exportFile, templateByKey } from '../exports/helpers';
import { openSeededCore } from '../exports/seed';
import { importOptions } from './importOptions';
import { P3KE_FIRST_ROW, p3keIndividuRows, p3keKeluargaRows, p3keTitleRows, type P3keFamily } from './p3keSheet';

let core: Core;
let client: ReturnType<Core['createClient']>;
let dir: string;

beforeEach(async () => {
  ({ core, client } = await openSeededCore());
  dir = await tempDir('dinsos-p3ke-');
});
afterEach(async () => core?.close());

async function call<T>(name: string, input: unknown): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const r = await client.call(name as any, input as any);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

const families = (n: number, from: number, min = 3) => familiesOfAtLeast(n, from, min, 21);

async function importFile(path: string, fileName: string): Promise<ImportResult> {
  const result = await runImport(await importOptions(core, path, { fileName, commit: true }));
  return result;
}

async function rejectedRows(result: ImportResult): Promise<{ row: number; codes: string[]; message: string }[]> {
  const out: { row: number; codes: string[]; message: string }[] = [];
  for await (const r of result.rejected.rows()) out.push({ row: r.row, codes: r.reasons.map((x) => x.code), message: r.reasons.map((x) => x.message).join(' | ') });
  result.rejected.dispose();
  return out;
}

async function dtksImport(rows: [FixtureKeluarga, number][], name: string): Promise<ImportResult> {
  const path = await writeXlsx(join(dir, name), [{ name: 'DATA', rows: [[...DTKS_HEADERS], ...rows.map(([k, i], n) => dtksRow(k, k.anggota[i]!, n + 1))] }]);
  return importFile(path, name);
}

async function family(noKkOrP3ke: { noKk?: string; p3ke?: string }) {
  const q = core.db.selectFrom('keluarga').selectAll();
  return (noKkOrP3ke.noKk ? q.where('no_kk', '=', noKkOrP3ke.noKk) : q.where('id_p3ke', '=', noKkOrP3ke.p3ke!)).executeTakeFirst();
}

async function membersOf(keluargaId: number) {
  return core.db.selectFrom('anggota').select(['nik', 'hubungan', 'p3ke_urutan', 'id_p3ke_individu', 'p3ke_resiko_stunting', 'padan']).where('keluarga_id', '=', keluargaId).orderBy('id').execute();
}

/**
 * The scene: F0 (a family with No KK) is registered from a DTKS sheet; the P3KE sheet then lists
 *   P1 — new, 3+ members, the second with a bad NIK (15 digits);
 *   P2 — F0's members (matched by NIK), one child at risk of stunting;
 *   P3 — new, desil 11 (every row of it rejected);
 *   P4 — new, all good, desil 1 (extreme poor).
 */
async function scene() {
  const [f0, f1, f3, f4] = families(4, 1);
  const dtks = await dtksImport(f0!.anggota.map((_, i) => [f0!, i] as [FixtureKeluarga, number]), 'dtks awal.xlsx');
  dtks.rejected.dispose();
  expect(dtks.counts.imported).toBe(f0!.anggota.length);
  const f0Before = (await family({ noKk: f0!.noKk }))!;

  const bad = f1!.anggota[1]!;
  const p1: P3keFamily = { id: 'P6202000000101', k: f1!, desil: 2, anggota: f1!.anggota.map((a) => (a === bad ? { ...a, nikTertulis: a.nik.slice(0, 15) } : a)) };
  const p2: P3keFamily = { id: 'P6202000000102', k: f0!, desil: 3, anggota: f0!.anggota.map((a, i) => (i === f0!.anggota.length - 1 ? { ...a, stunting: true } : a)) };
  const p3: P3keFamily = { id: 'P6202000000103', k: f3!, desil: 11, anggota: f3!.anggota };
  const p4: P3keFamily = { id: 'P6202000000104', k: f4!, desil: 1, anggota: f4!.anggota };
  const sheet = [p1, p2, p3, p4];
  const path = await writeXlsx(join(dir, 'p3ke individu.xlsx'), [{ name: 'Data P3KE', rows: [...p3keTitleRows('Individu'), ...p3keIndividuRows(sheet)] }]);
  // Sheet row of the i-th person of family `f`.
  const rowOf = (f: P3keFamily, i: number) => {
    let row = P3KE_FIRST_ROW;
    for (const g of sheet) {
      if (g === f) return row + i;
      row += g.anggota.length;
    }
    throw new Error('not in sheet');
  };
  const p1Good = p1.anggota.filter((a) => a.nikTertulis === undefined).map((a) => a.nik);
  return { f0: f0!, f0Before, p1, p1Good, p2, p3, p4, bad, path, rowOf };
}

describe('P3KE individu download (no No KK column)', () => {
  it('imports by ID Keluarga P3KE: creates or matches families, rejects only the faulty rows, lists the families without No KK', async () => {
    const s = await scene();
    const result = await importFile(s.path, 'p3ke individu.xlsx');
    expect(result.preset.id).toBe('p3ke-individu');

    const n1 = s.p1.anggota.length;
    const n2 = s.p2.anggota.length;
    const n3 = s.p3.anggota.length;
    const n4 = s.p4.anggota.length;
    expect(result.counts).toMatchObject({ dataRows: n1 + n2 + n3 + n4, imported: n1 - 1 + n4, updated: n2, rejected: 1 + n3, keluargaBaru: 2 });

    // Exactly these rows are rejected, with the reason.
    const rejected = await rejectedRows(result);
    expect(rejected.map((r) => r.row)).toEqual([s.rowOf(s.p1, 1), ...s.p3.anggota.map((_, i) => s.rowOf(s.p3, i))]);
    expect(rejected[0]!.codes).toEqual(['NIK_LENGTH']);
    expect(rejected[0]!.message).toBe('NIK harus 16 digit (tertulis 15 digit).');
    for (const r of rejected.slice(1)) {
      expect(r.codes).toEqual(['DESIL']);
      expect(r.message).toContain('Desil "11" tidak valid: harus angka 1–10.');
    }

    // P1: a new family without No KK, named by its P3KE ID; the bad-NIK person is not in, the others are.
    const k1 = (await family({ p3ke: s.p1.id }))!;
    expect(k1).toMatchObject({ no_kk: null, desil: 2, miskin_ekstrem: 0, desa_kode: s.p1.k.desa.kode, digabung_ke: null, import_batch_id: result.batchId });
    const m1 = await membersOf(k1.id);
    expect(m1.map((m) => m.nik)).toEqual(s.p1Good);
    expect(m1[0]).toMatchObject({ hubungan: 'Kepala Keluarga', p3ke_urutan: 1, id_p3ke_individu: `${s.p1.id}01`, padan: 'padan' });
    expect(m1[1]).toMatchObject({ p3ke_urutan: 3, id_p3ke_individu: `${s.p1.id}03` });
    // P4: desil 1 is extreme poverty.
    const k4 = (await family({ p3ke: s.p4.id }))!;
    expect(k4).toMatchObject({ no_kk: null, desil: 1, miskin_ekstrem: 1 });
    expect((await membersOf(k4.id)).length).toBe(n4);
    // P3 is not registered at all.
    expect(await family({ p3ke: s.p3.id })).toBeUndefined();
    expect(await core.db.selectFrom('anggota').select('id').where('nik', 'in', s.p3.anggota.map((a) => a.nik)).execute()).toEqual([]);

    // P2 matched F0 through its members: no new family, F0 gets the P3KE ID, desil and the people's P3KE facts.
    const k0 = (await family({ noKk: s.f0.noKk }))!;
    expect(k0.id).toBe(s.f0Before.id);
    expect(k0).toMatchObject({ id_p3ke: s.p2.id, desil: 3 });
    const m0 = await membersOf(k0.id);
    expect(m0.map((m) => m.id_p3ke_individu)).toEqual(s.p2.anggota.map((_, i) => `${s.p2.id}${String(i + 1).padStart(2, '0')}`));
    expect(m0.map((m) => m.p3ke_resiko_stunting)).toEqual(s.p2.anggota.map((_, i) => (i === n2 - 1 ? 1 : 0)));
    expect(await core.db.selectFrom('keluarga').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 3 });

    // The family page shows the P3KE facts and what the import changed.
    const detail = await call<KeluargaDetail>('registry.keluarga', { id: k0.id });
    expect(detail.p3ke).toMatchObject({ idKeluarga: s.p2.id });
    expect(detail.desil).toBe(3);
    const fromImport = detail.history.filter((h) => h.summary.includes('p3ke individu.xlsx') && h.summary.startsWith('Diperbarui'));
    expect(fromImport.some((h) => h.entity === 'keluarga' && (h.before as Record<string, unknown>).desil === s.f0Before.desil)).toBe(true);
    const p1Page = await call<KeluargaDetail>('registry.keluarga', { id: k1.id });
    expect(p1Page).toMatchObject({ noKk: null, p3ke: { idKeluarga: s.p1.id } });

    // "No KK belum diketahui": the registry list filters exactly the members of P1 and P4.
    const tanpa = await call<{ rows: { nik: string; noKk: string | null }[] }>('registry.list', { tanpaKk: true });
    expect(tanpa.rows.map((r) => r.nik).sort()).toEqual([...m1.map((m) => m.nik), ...s.p4.anggota.map((a) => a.nik)].sort());
    expect(tanpa.rows.every((r) => r.noKk === null)).toBe(true);
    const count = await call<{ anggota: number; keluarga: number }>('registry.count', { tanpaKk: true });
    expect(count).toEqual({ anggota: n1 - 1 + n4, keluarga: 2 });

    // The P3KE exports list the families without No KK under their P3KE IDs (individu: ID Individu, stunting).
    const ind = await exportFile(core, client, (await templateByKey(client, 'p3ke-individu')).id);
    const header = (ws: typeof ind.ws, text: string) => {
      for (let r = 1; r <= 6; r++) for (let c = 1; c <= ws.columnCount; c++) if (ws.getCell(r, c).value === text) return { r, c };
      throw new Error(`no header ${text}`);
    };
    const col = (ws: typeof ind.ws, text: string) => {
      const h = header(ws, text);
      return Array.from({ length: ws.rowCount - h.r }, (_, i) => ws.getCell(h.r + 1 + i, h.c).value);
    };
    const niks = col(ind.ws, 'NIK');
    const at = (nik: string, text: string) => col(ind.ws, text)[niks.indexOf(nik)];
    expect(niks).toEqual(expect.arrayContaining([...s.p1Good, ...s.p4.anggota.map((a) => a.nik)]));
    expect(at(s.p1Good[0]!, 'ID Keluarga P3KE')).toBe(s.p1.id);
    expect(at(s.p1Good[0]!, 'ID Individu')).toBe(`${s.p1.id}01`);
    expect(at(s.p2.anggota[n2 - 1]!.nik, 'Resiko Stunting')).toBe('Ya');
    expect(at(s.p2.anggota[0]!.nik, 'Resiko Stunting')).toBe('Tidak');
    const kel = await exportFile(core, client, (await templateByKey(client, 'p3ke-keluarga')).id);
    const ids = col(kel.ws, 'ID Keluarga P3KE');
    expect(ids).toEqual(expect.arrayContaining([s.p1.id, s.p2.id, s.p4.id]));
    expect(col(kel.ws, 'Desil Kesejahteraan')[ids.indexOf(s.p4.id)]).toBe(1);

    // The dashboard's extreme-poverty count includes P4 (desil 1 in P3KE, no No KK).
    const dash = await call<DashboardSummary>('dashboard.summary', {});
    expect(dash.totals).toMatchObject({ keluarga: 3, ekstrem: (s.f0Before.miskin_ekstrem === 1 ? 1 : 0) + 1 });

    // Undo gives everything back: the new families go, F0 loses the P3KE facts.
    await undoBatch(core.db, result.batchId!, null, new Date('2024-06-02T00:00:00Z'));
    expect(await family({ p3ke: s.p1.id })).toBeUndefined();
    expect(await family({ p3ke: s.p4.id })).toBeUndefined();
    const k0After = (await family({ noKk: s.f0.noKk }))!;
    expect(k0After).toMatchObject({ id_p3ke: null, desil: s.f0Before.desil });
    expect((await membersOf(k0After.id)).map((m) => m.id_p3ke_individu)).toEqual(s.p2.anggota.map(() => null));
  });

  it('a later DTKS sheet gives the No KK: a new No KK is set on the family, a registered one merges them; undo separates them again', async () => {
    const s = await scene();
    const p3ke = await importFile(s.path, 'p3ke individu.xlsx');
    p3ke.rejected.dispose();
    const k1 = (await family({ p3ke: s.p1.id }))!;
    const k4 = (await family({ p3ke: s.p4.id }))!;

    // F5 is registered with a No KK; the DTKS sheet then lists P1's head under F5's No KK (the same family) and
    // P4's head under P4's own No KK, which the registry does not know yet.
    const [f5] = families(1, 40, 2);
    const seed = await dtksImport([[f5!, 1]], 'dtks f5.xlsx');
    seed.rejected.dispose();
    const k5 = (await family({ noKk: f5!.noKk }))!;
    const p1Head = { ...f5!, anggota: [s.p1.anggota[0]!] };
    const dtks = await dtksImport([[p1Head, 0], [s.p4.k, 0]], 'dtks susulan.xlsx');
    expect(dtks.counts).toMatchObject({ rejected: 0, updated: 2, keluargaBaru: 0 });
    dtks.rejected.dispose();

    const merged = (await core.db.selectFrom('keluarga').selectAll().where('id', '=', k1.id).executeTakeFirstOrThrow())!;
    expect(merged).toMatchObject({ digabung_ke: k5.id, id_p3ke: null, no_kk: null });
    const into = (await family({ noKk: f5!.noKk }))!;
    expect(into).toMatchObject({ id: k5.id, id_p3ke: s.p1.id });
    const m5 = await membersOf(k5.id);
    expect(m5.map((m) => m.nik).sort()).toEqual([f5!.anggota[1]!.nik, ...s.p1Good].sort());
    expect((await family({ p3ke: s.p4.id }))!).toMatchObject({ id: k4.id, no_kk: s.p4.k.noKk });
    // Neither is listed as without No KK any more.
    expect(await call('registry.count', { tanpaKk: true })).toEqual({ anggota: 0, keluarga: 0 });
    // The merged family's empty record is not counted on the dashboard.
    expect((await call<DashboardSummary>('dashboard.summary', {})).totals.keluarga).toBe(3);
    // The merged family's page points to where it went; the other's history shows the merge.
    expect(await call<KeluargaDetail>('registry.keluarga', { id: k1.id })).toMatchObject({ digabungKe: k5.id, anggota: [] });

    await undoBatch(core.db, dtks.batchId!, null, new Date('2024-06-02T00:00:00Z'));
    expect((await family({ p3ke: s.p1.id }))!).toMatchObject({ id: k1.id, no_kk: null, digabung_ke: null });
    expect((await membersOf(k1.id)).map((m) => m.nik)).toEqual(s.p1Good);
    expect((await family({ noKk: f5!.noKk }))!).toMatchObject({ id_p3ke: null });
    expect((await membersOf(k5.id)).map((m) => m.nik)).toEqual([f5!.anggota[1]!.nik]);
    expect((await family({ p3ke: s.p4.id }))!).toMatchObject({ id: k4.id, no_kk: null });
  });

  it('the family form saves a P3KE family without No KK, sets a new No KK, and merges into the family that has it', async () => {
    const s = await scene();
    const p3ke = await importFile(s.path, 'p3ke individu.xlsx');
    p3ke.rejected.dispose();
    const k1 = (await family({ p3ke: s.p1.id }))!;
    const k4 = (await family({ p3ke: s.p4.id }))!;
    const form = (k: { alamat: string; desa_kode: string }, noKk?: string) => ({ ...(noKk ? { noKk } : {}), alamat: `${k.alamat} (diperiksa)`, desaKode: k.desa_kode, desil: 2 });

    // Saved without No KK: the address changes, it stays without one.
    const saved = await call<KeluargaDetail>('registry.updateKeluarga', { id: k4.id, keluarga: form(k4) });
    expect(saved).toMatchObject({ id: k4.id, noKk: null, alamat: `${k4.alamat} (diperiksa)` });
    // A family that has a No KK cannot lose it.
    const k0 = (await family({ noKk: s.f0.noKk }))!;
    const refused = await client.call('registry.updateKeluarga', { id: k0.id, keluarga: form(k0) });
    expect(refused.ok).toBe(false);
    // A new No KK is set.
    const set = await call<KeluargaDetail>('registry.updateKeluarga', { id: k4.id, keluarga: form(k4, s.p4.k.noKk) });
    expect(set).toMatchObject({ id: k4.id, noKk: s.p4.k.noKk });
    // F0's No KK typed on P1's form: P1 is merged into F0, whose page comes back.
    const mergedInto = await call<KeluargaDetail>('registry.updateKeluarga', { id: k1.id, keluarga: form(k1, s.f0.noKk) });
    expect(mergedInto.id).toBe(k0.id);
    expect(mergedInto.anggota.map((a) => a.nik)).toEqual(expect.arrayContaining(s.p1Good));
    expect((await core.db.selectFrom('keluarga').select('digabung_ke').where('id', '=', k1.id).executeTakeFirstOrThrow()).digabung_ke).toBe(k0.id);
    // F0 already had P2's ID: P1's stays on the merged record (the ID is unique), F0 keeps its own.
    expect(mergedInto.p3ke?.idKeluarga).toBe(s.p2.id);
  });
});

describe('P3KE sheets longer than one lookup chunk (800 rows)', () => {
  it('a family on the chunk boundary is matched through its registered second member, not split', async () => {
    const fams = makeFamilies(830, 33).filter((k) => k.anggota.length >= 2);
    const sheet: P3keFamily[] = fams.map((k, i) => ({ id: `P62020000${String(i).padStart(5, '0')}`, k, desil: 2, anggota: k.anggota }));
    // The first family that starts at or after the 800th data row: its first row is where the old code cut.
    let start = 0;
    const g = sheet.find((f) => {
      const at = start;
      start += f.anggota.length;
      return at >= 799;
    })!;
    const pre = await dtksImport([[g.k, 1]], 'dtks g.xlsx');
    pre.rejected.dispose();
    const registered = (await family({ noKk: g.k.noKk }))!;
    const path = await writeXlsx(join(dir, 'p3ke panjang.xlsx'), [{ name: 'Data P3KE', rows: [...p3keTitleRows('Individu'), ...p3keIndividuRows(sheet)] }]);
    const result = await importFile(path, 'p3ke panjang.xlsx');
    result.rejected.dispose();
    expect(result.counts).toMatchObject({ rejected: 0, keluargaBaru: sheet.length - 1, updated: 1 });
    expect((await family({ p3ke: g.id }))!.id).toBe(registered.id);
    expect((await membersOf(registered.id)).map((m) => m.nik).sort()).toEqual(g.anggota.map((a) => a.nik).sort());
  });
});

describe('P3KE keluarga download and verval columns', () => {
  it('the keluarga sheet (one row per family) registers each family with its head; desil 11 rejects that family', async () => {
    const [f1, f2, f3] = families(3, 60, 1);
    const fams: P3keFamily[] = [
      { id: 'P6202000000201', k: f1!, desil: 1, anggota: f1!.anggota },
      { id: 'P6202000000202', k: f2!, desil: 11, anggota: f2!.anggota },
      { id: 'P6202000000203', k: f3!, desil: 4, anggota: [{ ...f3!.anggota[0]!, stunting: true }] },
    ];
    const path = await writeXlsx(join(dir, 'p3ke keluarga.xlsx'), [{ name: 'Keluarga', rows: [...p3keTitleRows('Keluarga'), ...p3keKeluargaRows(fams)] }]);
    const result = await importFile(path, 'p3ke keluarga.xlsx');
    expect(result.counts).toMatchObject({ dataRows: 3, imported: 2, rejected: 1, keluargaBaru: 2 });
    const rejected = await rejectedRows(result);
    expect(rejected.map((r) => [r.row, r.codes])).toEqual([[P3KE_FIRST_ROW + 1, ['DESIL']]]);
    const k1 = (await family({ p3ke: fams[0]!.id }))!;
    expect(k1).toMatchObject({ no_kk: null, desil: 1, miskin_ekstrem: 1, p3ke_resiko_stunting: 0 });
    expect(await membersOf(k1.id)).toEqual([expect.objectContaining({ nik: f1!.anggota[0]!.nik, hubungan: 'Kepala Keluarga' })]);
    expect((await family({ p3ke: fams[2]!.id }))!).toMatchObject({ desil: 4, p3ke_resiko_stunting: 1 });
  });

  it('the 2023/2024 verval columns are kept as the family\'s latest P3KE verification; nomor_KK, when given, is the No KK', async () => {
    const [f1, f2, f3] = families(3, 80, 2);
    const headers = [
      'ID_keluarga_P3KE', 'dimuktakhirkan_tahun', 'provinsi', 'kabupaten', 'kecamatan', 'kelurahan', 'persentil', 'kode_kemdagri', 'desil_kesejahteraan',
      'alamat', 'IDIndividu', 'nama', 'prioritas_verval', 'NIK', 'nomor_KK', 'padan_dukcapil', 'jenis_kelamin', 'hubungan_dengan_KK', 'tanggal_lahir',
      'penerima_PKH', 'penerima_SEMBAKO', 'resiko_stunting', 'VERVAL_memenuhi_kriteria_P3KE', 'VERVAL_alasan_tidak_memenuhi_kriteria_P3KE', 'VERVAL_keterangan',
    ];
    const row = (id: string, k: FixtureKeluarga, i: number, tahun: number, noKk: string, memenuhi: string, alasan: string) => {
      const a = k.anggota[i]!;
      const [y, m, d] = a.tanggalLahir.split('-');
      return [
        id, tahun, 'KALIMANTAN TENGAH', 'KOTAWARINGIN TIMUR', k.desa.kecamatanNama, k.desa.nama, 7.5, k.desa.kode.replace(/\./g, ''), 1,
        k.alamat, `${id}0${i + 1}`, a.nama, 'Prioritas 1', a.nik, noKk, 'Padan', a.jenisKelamin === 'L' ? 'Laki-laki' : 'Perempuan', `${a.hubungan} / ${i + 1}`, `${d}/${m}/${y}`,
        'Ya', 'Ya', 'Tidak', memenuhi, alasan, '',
      ];
    };
    const path = await writeXlsx(join(dir, 'verval.xlsx'), [
      {
        name: 'verval',
        rows: [headers, row('P01', f1!, 0, 2024, '', 'Ya', ''), row('P01', f1!, 1, 2024, '', 'Ya', ''), row('P02', f2!, 0, 2023, f2!.noKk, 'Tidak', 'Memiliki aset')],
      },
    ]);
    const result = await importFile(path, 'verval.xlsx');
    result.rejected.dispose();
    expect(result.counts).toMatchObject({ dataRows: 3, imported: 3, rejected: 0, keluargaBaru: 2 });
    expect((await family({ p3ke: 'P01' }))!).toMatchObject({ no_kk: null, p3ke_tahun: 2024, p3ke_prioritas: 'Prioritas 1', p3ke_persentil: 7.5, p3ke_memenuhi: 'Ya', miskin_ekstrem: 1 });
    expect((await family({ p3ke: 'P02' }))!).toMatchObject({ no_kk: f2!.noKk, p3ke_tahun: 2023, p3ke_memenuhi: 'Tidak', p3ke_keterangan: 'Memiliki aset' });
    const programs = await core.db.selectFrom('anggota_program as p').innerJoin('anggota as a', 'a.id', 'p.anggota_id').select(['a.nik', 'p.program']).where('a.nik', '=', f1!.anggota[0]!.nik).orderBy('p.program').execute();
    // A SEMBAKO column with no BPNT column beside it is the one BPNT/Sembako programme, counted once.
    expect(programs.map((p) => p.program)).toEqual(['BPNT', 'PKH']);

    // A later sheet gives P02's ID to a family with another No KK: that family is registered without the ID, which stays with f2.
    const later = await writeXlsx(join(dir, 'verval lagi.xlsx'), [{ name: 'verval', rows: [headers, row('P02', f3!, 0, 2024, f3!.noKk, 'Ya', '')] }]);
    const again = await importFile(later, 'verval lagi.xlsx');
    again.rejected.dispose();
    expect(again.counts).toMatchObject({ dataRows: 1, imported: 1, rejected: 0, keluargaBaru: 1 });
    expect((await family({ noKk: f3!.noKk }))!).toMatchObject({ id_p3ke: null });
    expect((await family({ p3ke: 'P02' }))!).toMatchObject({ no_kk: f2!.noKk });
  });
});
