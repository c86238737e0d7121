/**
 * Two operators of two kecamatan, through the API: operator A's sheet names people and families registered in
 * operator B's kecamatan. A's preview and commit refuse those rows with a fixed reason, B's registry stays
 * byte for byte as it was, and nothing of B's records (names, desa, addresses, mothers' names) appears in A's
 * report, rejected-rows file or messages.
 */
import ExcelJS from 'exceljs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { ImportReport, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import { ok, openTestCore, setUpOffice } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, makeKeluarga, makeNik, type FixtureKeluarga } from '../../helpers/registryFixtures';
import { xlsxBytes } from '../../helpers/xlsx';

type Client = ReturnType<Core['createClient']>;

async function operator(core: Core, admin: Client, username: string, kecamatan: string): Promise<Client> {
  const password = `${username}-rahasia-2024`;
  await ok(admin, 'users.create', { nama: `Operator ${username}`, username, role: 'operator', wilayah: [kecamatan], password });
  const client = core.createClient();
  await ok(client, 'auth.login', { username, password });
  return client;
}

async function runJob(core: Core, client: Client, call: 'imports.preview' | 'imports.commit', rows: (string | number)[][], fileName: string): Promise<ImportReport> {
  const staged = await ok<StagedFile>(client, 'imports.upload', { fileName, bytes: await xlsxBytes([{ name: 'DTKS', rows: [[...DTKS_HEADERS], ...rows] }]) });
  const job = await ok<JobStatus>(client, call, { stagingId: staged.stagingId });
  const end = await core.services.jobs.wait(job.id);
  if (end.state !== 'done') throw new Error(`${call}: ${end.state} ${JSON.stringify(end.error ?? null)}`);
  return end.result as ImportReport;
}

/** Families of one kecamatan, from the deterministic fixtures. */
function familiesOf(kecamatan: string, count: number, from = 0): FixtureKeluarga[] {
  const out: FixtureKeluarga[] = [];
  for (let i = from; out.length < count; i++) {
    const k = makeKeluarga(i, 3);
    if (k.desa.kecamatanKode === kecamatan && k.anggota.length >= 2) out.push(k);
  }
  return out;
}

/** Every stored row of a kecamatan's families and members, and what hangs off them, as text. */
async function snapshot(core: Core, kecamatan: string): Promise<string> {
  const q = async (text: ReturnType<typeof sql>) => JSON.stringify((await text.execute(core.db)).rows);
  return [
    await q(sql`select * from keluarga where kecamatan_kode = ${kecamatan} order by id`),
    await q(sql`select a.* from anggota a join keluarga k on k.id = a.keluarga_id where k.kecamatan_kode = ${kecamatan} order by a.id`),
    await q(sql`select a.* from anggota a where a.kec_kode = ${kecamatan} order by a.id`),
    await q(sql`select p.* from anggota_program p join anggota a on a.id = p.anggota_id join keluarga k on k.id = a.keluarga_id where k.kecamatan_kode = ${kecamatan} order by p.anggota_id, p.program`),
    await q(sql`select w.* from anggota_kata w join anggota a on a.id = w.anggota_id join keluarga k on k.id = a.keluarga_id where k.kecamatan_kode = ${kecamatan} order by w.anggota_id, w.kata`),
  ].join('\n');
}

async function cellsOf(core: Core, report: ImportReport): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(core.services.outbox.get(report.rejectedFile!.id).path);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

describe("an operator's import and another kecamatan's registry", () => {
  it("refuses rows naming people or families registered outside the operator's wilayah, changes nothing there and tells nothing of them", async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      const admin = await setUpOffice(core);
      const kecA = '62.02.05'; // Baamang
      const kecB = '62.02.13'; // Cempaga Hulu
      const opA = await operator(core, admin, 'op.baamang', kecA);
      const opB = await operator(core, admin, 'op.cempaga', kecB);
      const [famA1, famA2, famANew] = familiesOf(kecA, 3);
      // B's records carry values no row of A's sheet has (the fixtures' name pools are small).
      const [famB1, famB2] = familiesOf(kecB, 2).map((k, i) => ({
        ...k,
        alamat: `Jl. Rahasia Cempaga ${i + 1}`,
        anggota: k.anggota.map((a, j) => ({ ...a, nama: `${a.nama} Cempagasari ${i}${j}`, ibuKandung: `Ibu Cempagasari ${i}${j}` })),
      }));
      let no = 0;
      const rowsOf = (...fams: FixtureKeluarga[]) => fams.flatMap((k) => k.anggota.map((a) => dtksRow(k, a, ++no)));

      // Each operator registers their own families.
      expect((await runJob(core, opB, 'imports.commit', rowsOf(famB1!, famB2!), 'dtks cempaga.xlsx')).counts.rejected).toBe(0);
      expect((await runJob(core, opA, 'imports.commit', rowsOf(famA1!, famA2!), 'dtks baamang.xlsx')).counts.rejected).toBe(0);
      const before = await snapshot(core, kecB);
      expect(before).toContain(famB1!.anggota[0]!.nik);

      // A's sheet: B's people and families written into A's villages, mixed with A's own work.
      const bPerson = famB1!.anggota[0]!;
      const bPerson2 = famB2!.anggota[1]!;
      const aPerson = famA1!.anggota[1]!;
      const newPerson = { ...famANew!.anggota[0]!, nik: makeNik(kecA, '1990-05-05', 'L', 9001) };
      const sheet = [
        // 1. B's person, moved into A's family with another name → NIK outside
        dtksRow(famA2!, { ...bPerson, nama: 'Nama Ketikan Operator A', ibuKandung: 'Ibu Ketikan A' }, ++no),
        // 2. a new person put into B's No KK, living (the sheet says) in A's desa → No KK outside
        dtksRow({ ...famB2!, desa: famA1!.desa, alamat: 'Jl. Ketikan A' }, newPerson, ++no),
        // 3. B's person under B's own No KK, but in A's desa → NIK outside (the first reason met)
        dtksRow({ ...famB2!, desa: famA1!.desa, alamat: 'Jl. Ketikan A' }, { ...bPerson2, nama: 'Nama Lain Ketikan A', ibuKandung: 'Ibu Ketikan A' }, ++no),
        // 4. A's own person, moved into B's family → No KK outside
        dtksRow({ ...famB1!, desa: famA1!.desa, alamat: 'Jl. Ketikan A' }, aPerson, ++no),
        // 5. A's own person, renamed → an ordinary update
        dtksRow(famA1!, { ...famA1!.anggota[0]!, nama: 'Nama Baru Di Baamang' }, ++no),
        // 6. a new family of A → imported
        ...rowsOf(famANew!),
      ];

      // Things only B's records hold: stored names, addresses, mothers' names, B's villages and kecamatan.
      const secrets = [
        ...[famB1!, famB2!].flatMap((k) => [k.alamat, k.desa.nama, k.desa.kode, ...k.anggota.flatMap((a) => [a.nama, a.ibuKandung])]),
        'Cempagasari',
        famB1!.desa.kecamatanNama,
        kecB,
      ].map((s) => s.toUpperCase());
      const leaks = (text: string) => secrets.filter((s) => text.toUpperCase().includes(s));

      const expectRefusals = (report: ImportReport) => {
        const byRow = new Map(report.rows.map((r) => [r.row, r]));
        const first = 2; // the header is row 1
        const refused = [
          [first, 'NIK_OUTSIDE_SCOPE', 'NIK terdaftar di luar wilayah kerja Anda'],
          [first + 1, 'KK_OUTSIDE_SCOPE', 'No KK terdaftar di luar wilayah kerja Anda'],
          [first + 2, 'NIK_OUTSIDE_SCOPE', 'NIK terdaftar di luar wilayah kerja Anda'],
          [first + 3, 'KK_OUTSIDE_SCOPE', 'No KK terdaftar di luar wilayah kerja Anda'],
        ] as const;
        for (const [row, code, message] of refused) {
          const r = byRow.get(row)!;
          expect(r).toMatchObject({ outcome: 'rejected', nama: null, desa: null, warnings: [] });
          expect(r.changes).toBeUndefined();
          expect(r.reasons).toEqual([{ code, field: code.startsWith('NIK') ? 'nik' : 'noKk', message: `${message}; baris ini tidak diimpor.` }]);
        }
        expect(report.counts).toMatchObject({ dataRows: sheet.length, rejected: 4, updated: 1, imported: famANew!.anggota.length });
        expect(byRow.get(first + 4)!.outcome).toBe('updated');
        expect(byRow.get(first + 4)!.changes!.find((c) => c.field === 'nama')).toMatchObject({ after: 'NAMA BARU DI BAAMANG' });
        expect(leaks(JSON.stringify(report))).toEqual([]);
      };

      const preview = await runJob(core, opA, 'imports.preview', sheet, 'usulan baamang.xlsx');
      expectRefusals(preview);
      expect(await snapshot(core, kecB)).toBe(before);

      const commit = await runJob(core, opA, 'imports.commit', sheet, 'usulan baamang.xlsx');
      expectRefusals(commit);
      expect(await snapshot(core, kecB)).toBe(before);
      // A's own work went through.
      const renamed = await core.db.selectFrom('anggota').select(['nama', 'kec_kode']).where('nik', '=', famA1!.anggota[0]!.nik).executeTakeFirstOrThrow();
      expect(renamed).toEqual({ nama: 'NAMA BARU DI BAAMANG', kec_kode: kecA });
      const stayed = await core.db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id').select('keluarga.no_kk').where('anggota.nik', '=', aPerson.nik).executeTakeFirstOrThrow();
      expect(stayed.no_kk).toBe(famA1!.noKk);

      // The rejected-rows file: the sheet's own cells of all four rows and the fixed reasons, nothing of B's records.
      const cells = await cellsOf(core, commit);
      expect(cells).toHaveLength(1 + 4);
      expect(cells.slice(1).map((r) => r.at(-1))).toEqual([
        'NIK terdaftar di luar wilayah kerja Anda; baris ini tidak diimpor.',
        'No KK terdaftar di luar wilayah kerja Anda; baris ini tidak diimpor.',
        'NIK terdaftar di luar wilayah kerja Anda; baris ini tidak diimpor.',
        'No KK terdaftar di luar wilayah kerja Anda; baris ini tidak diimpor.',
      ]);
      expect(leaks(cells.flat().join('\n'))).toEqual([]);

      // The import's spool beside the staged file is gone once the file is written.
      const staging = join(core.services.paths.dataDir, 'staging');
      const spools = readdirSync(staging, { recursive: true }).map(String).filter((p) => p.includes('ditolak-'));
      expect(spools).toEqual([]);

      // B's own import of the same people still works for B.
      const again = await runJob(core, opB, 'imports.preview', rowsOf(famB1!), 'dtks cempaga lagi.xlsx');
      expect(again.counts).toMatchObject({ rejected: 0, imported: 0 });
      expect(again.counts.updated + again.counts.duplicateRegistry).toBe(famB1!.anggota.length);
    } finally {
      await core.close();
    }
  }, 60_000);
});
