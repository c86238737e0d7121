/**
 * Issue 15: region names as operators write them. Through the API, a DTKS sheet of Kecamatan Mentawa Baru
 * Ketapang names its kecamatan "MB Ketapang" (short form), a kelurahan "Kel. Mentawa Baru Hulu" (level word), a
 * desa with a typo and a desa that does not exist. The first two resolve by themselves; the typo is listed once
 * for the value-mapping step with the right suggestion, mapped by the user for the whole sheet and remembered
 * as the office's alias (audited); the unknown desa's rows stay rejected with the reason. An operator cannot
 * map their rows into a region outside their wilayah, nor remember such a mapping.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { ImportReport, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import { ok, openTestCore, setUpOffice } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, kotimDesa, makeKeluarga, type FixtureKeluarga } from '../../helpers/registryFixtures';
import { xlsxBytes } from '../../helpers/xlsx';

type Client = ReturnType<Core['createClient']>;

const MBK = '62.02.06'; // Mentawa Baru Ketapang
const PASIR_PUTIH = '62.02.06.1009';
const MB_HULU = '62.02.06.1001';
const KETAPANG = '62.02.06.1003';

function familiesIn(kecamatan: string, count: number): FixtureKeluarga[] {
  const out: FixtureKeluarga[] = [];
  for (let i = 0; out.length < count; i++) {
    const k = makeKeluarga(i, 7);
    if (k.desa.kecamatanKode === kecamatan && k.anggota.length >= 2) out.push(k);
  }
  return out;
}

/** The family written with the kecamatan and desa names a sheet uses (the fixture's desa code stays the truth). */
function writtenAs(k: FixtureKeluarga, kecamatanNama: string, desaNama: string): FixtureKeluarga {
  return { ...k, desa: { ...k.desa, kecamatanNama, nama: desaNama } };
}

async function run(core: Core, client: Client, call: 'imports.preview' | 'imports.commit', families: FixtureKeluarga[], extra: Record<string, unknown> = {}) {
  let no = 0;
  const rows = families.flatMap((k) => k.anggota.map((a) => dtksRow(k, a, ++no)));
  const staged = await ok<StagedFile>(client, 'imports.upload', { fileName: 'dtks mb ketapang.xlsx', bytes: await xlsxBytes([{ name: 'DTKS', rows: [[...DTKS_HEADERS], ...rows] }]) });
  const end = await core.services.jobs.wait((await ok<JobStatus>(client, call, { stagingId: staged.stagingId, ...extra })).id);
  return end as JobStatus<ImportReport>;
}

async function report(core: Core, client: Client, call: 'imports.preview' | 'imports.commit', families: FixtureKeluarga[], extra: Record<string, unknown> = {}) {
  const end = await run(core, client, call, families, extra);
  if (end.state !== 'done') throw new Error(`${call}: ${end.state} ${JSON.stringify(end.error ?? null)}`);
  return end.result!;
}

async function desaOf(core: Core, families: FixtureKeluarga[]): Promise<(string | undefined)[]> {
  const rows = await core.db.selectFrom('keluarga').select(['no_kk', 'desa_kode']).execute();
  const byKk = new Map(rows.map((r) => [r.no_kk, r.desa_kode]));
  return families.map((k) => byKk.get(k.noKk));
}

describe('region values in an import', () => {
  it('resolves short forms and level words, maps a typo once for the whole sheet, remembers it, and rejects the unknown', async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      const admin = await setUpOffice(core);
      const [f1, f2, f3, f4, f5] = familiesIn(MBK, 5);
      const sheet = [
        writtenAs(f1!, 'MB Ketapang', 'Ketapang'),
        writtenAs(f2!, 'Mentawa Baru Ketapang', 'Kel. Mentawa Baru Hulu'),
        writtenAs(f3!, 'MB Ketapang', 'Pasir Puti'),
        writtenAs(f4!, 'MB Ketapang', 'Pasir Puti'),
        writtenAs(f5!, 'MB Ketapang', 'Kampung Antah Berantah'),
      ];
      const typoRows = f3!.anggota.length + f4!.anggota.length;

      const first = await report(core, admin, 'imports.preview', sheet);
      expect(first.counts.imported).toBe(f1!.anggota.length + f2!.anggota.length);
      expect(first.counts.rejected).toBe(typoRows + f5!.anggota.length);
      // Each unmatched value once, with how many rows carry it, most rows first.
      expect(first.regionValues.map((v) => [v.field, v.value, v.kecamatan, v.rows])).toEqual([
        ['desa', 'PASIR PUTI', 'MB KETAPANG', typoRows],
        ['desa', 'KAMPUNG ANTAH BERANTAH', 'MB KETAPANG', f5!.anggota.length],
      ]);
      const typo = first.regionValues[0]!;
      expect(typo.suggestions[0]).toMatchObject({ kode: PASIR_PUTIH, nama: 'Pasir Putih', kecamatan: 'Mentawa Baru Ketapang' });
      expect(typo.suggestions.map((s) => s.score)).toEqual([...typo.suggestions.map((s) => s.score)].sort((a, b) => b - a));
      expect(first.rows.find((r) => r.desa === 'PASIR PUTI')?.reasons[0]?.message).toMatch(/Mungkin maksudnya: Pasir Putih/);

      const mapping = [{ field: 'desa', value: typo.value, kecamatan: typo.kecamatan, kode: PASIR_PUTIH, remember: true }];
      const done = await report(core, admin, 'imports.commit', sheet, { regionMapping: mapping });
      expect(done.counts.imported).toBe(first.counts.imported + typoRows);
      expect(done.counts.rejected).toBe(f5!.anggota.length);
      expect(done.regionValues.map((v) => v.value)).toEqual(['KAMPUNG ANTAH BERANTAH']);
      const rejectedReasons = done.rows.filter((r) => r.outcome === 'rejected').flatMap((r) => r.reasons.map((p) => p.code));
      expect(new Set(rejectedReasons)).toEqual(new Set(['REGION_DESA']));
      expect(await desaOf(core, [f1!, f2!, f3!, f4!, f5!])).toEqual([KETAPANG, MB_HULU, PASIR_PUTIH, PASIR_PUTIH, undefined]);

      // Remembered as the office's name for Pasir Putih, with who did it in the audit log.
      const aliases = await core.db.selectFrom('region_alias_kantor').select(['level', 'alias', 'kode', 'created_by']).execute();
      expect(aliases).toEqual([{ level: 'desa', alias: 'PASIR PUTI', kode: PASIR_PUTIH, created_by: 1 }]);
      const audit = await core.db.selectFrom('audit_log').select(['username', 'after_json']).where('entity', '=', 'region_alias_kantor').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.username).toBe('admin');
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ alias: 'PASIR PUTI', kode: PASIR_PUTIH });

      // The next sheet with the same spelling needs no mapping.
      const [g1] = familiesIn(MBK, 6).slice(5);
      const next = await report(core, admin, 'imports.preview', [writtenAs(g1!, 'Kec. MB Ketapang', 'Ds. Pasir Puti')]);
      expect(next.regionValues).toEqual([]);
      expect(next.counts.imported).toBe(g1!.anggota.length);
    } finally {
      await core.close();
    }
  }, 120_000);

  it("does not let an operator map rows into a region outside their wilayah, nor remember it", async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      const admin = await setUpOffice(core);
      const BAAMANG = '62.02.05';
      await ok(admin, 'users.create', { nama: 'Operator Baamang', username: 'op.baamang', role: 'operator', wilayah: [BAAMANG], password: 'op.baamang-rahasia-2024' });
      const op = core.createClient();
      await ok(op, 'auth.login', { username: 'op.baamang', password: 'op.baamang-rahasia-2024' });
      const [k] = familiesIn(BAAMANG, 1);
      const sheet = [writtenAs(k!, 'Baamang', 'Baamang Hilr')];
      const first = await report(core, op, 'imports.preview', sheet);
      const value = first.regionValues[0]!;
      expect(value).toMatchObject({ field: 'desa', value: 'BAAMANG HILR', rows: k!.anggota.length });
      expect(value.suggestions[0]?.nama).toBe('Baamang Hilir');

      // Mapped into Mentawa Baru Ketapang: every row refused by the scope rule, nothing written.
      const outside = [{ field: 'desa', value: value.value, kecamatan: value.kecamatan, kode: PASIR_PUTIH }];
      const refused = await report(core, op, 'imports.commit', sheet, { regionMapping: outside });
      expect(refused.counts.rejected).toBe(k!.anggota.length);
      expect(refused.rows.every((r) => r.reasons.some((p) => p.code === 'OUTSIDE_WILAYAH'))).toBe(true);
      expect(await desaOf(core, [k!])).toEqual([undefined]);

      // Remembering it is refused outright, and no alias is stored.
      const remembered = await run(core, op, 'imports.commit', sheet, { regionMapping: [{ ...outside[0]!, remember: true }] });
      expect(remembered.state).toBe('failed');
      expect(remembered.error).toMatchObject({ code: 'FORBIDDEN' });
      expect(remembered.error?.message).toMatch(/di luar wilayah kerja Anda/);
      expect(await core.db.selectFrom('region_alias_kantor').selectAll().execute()).toEqual([]);

      // Mapped into the operator's own kecamatan, the same rows go in (so the refusals above are the scope's).
      const inside = [{ field: 'desa', value: value.value, kecamatan: value.kecamatan, kode: value.suggestions[0]!.kode, remember: true }];
      const accepted = await report(core, op, 'imports.commit', sheet, { regionMapping: inside });
      expect(accepted.counts.imported).toBe(k!.anggota.length);
      expect(await desaOf(core, [k!])).toEqual([kotimDesa().find((d) => d.nama === 'Baamang Hilir')!.kode]);
      expect(await core.db.selectFrom('region_alias_kantor').select(['alias', 'created_by']).execute()).toEqual([{ alias: 'BAAMANG HILR', created_by: 2 }]);
    } finally {
      await core.close();
    }
  }, 120_000);
});
