/**
 * One measured run of the export benchmark (see export.bench.ts), in its own process: the export of the
 * SIKS-NG template from an already seeded database, or exceljs's streaming writer alone on the same rows.
 * Bundled and run under plain node by the benchmark; prints one JSON line.
 */
import ExcelJS from 'exceljs';
import { openCore } from '../../electron/core/app';
import { loadOffice } from '../../electron/core/admin/office';
import { columnNumFmt } from '../../electron/core/exports/cells';
import { writeExport } from '../../electron/core/exports/run';
import { ensureBuiltinTemplates, findTemplate } from '../../electron/core/exports/templates';
import type { Platform } from '../../electron/core/platform';
import { formatTanggal } from '../../shared/domain/tanggal';

export const ROWS = Number(process.env.EXPORT_BENCH_ROWS ?? 100_000);
export const PER_KK = 4;
const NAMES = ['Ahmad', 'Siti', 'Budi', 'Rina', 'Yusuf', 'Dewi', 'Agus', 'Sri', 'Joko', 'Nur'];
const PEKERJAAN = ['Buruh Tani', 'Petani', 'Nelayan', 'Pedagang', 'Tidak Bekerja', 'Pelajar'];

export interface GenPerson {
  nik: string;
  nama: string;
  jk: 'L' | 'P';
  tempat: string;
  lahir: string;
  ibu: string;
  pekerjaan: string;
  kawin: string;
}

export function person(i: number): GenPerson {
  const day = (i % 28) + 1;
  const month = (i % 12) + 1;
  const year = 1950 + (i % 60);
  const jk = i % 2 === 0 ? 'L' : 'P';
  return {
    nik: `62020101${String(i).padStart(8, '0')}`,
    nama: `${NAMES[i % 10]} ${NAMES[(i >> 3) % 10]} ${i}`,
    jk,
    tempat: 'Sampit',
    lahir: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    ibu: `${NAMES[(i + 3) % 10]} Ibu`,
    pekerjaan: PEKERJAAN[i % PEKERJAAN.length]!,
    kawin: i % 3 === 0 ? 'Belum Kawin' : 'Kawin',
  };
}


const platform: Platform = {
  kind: 'cli',
  async htmlToPdf() {
    throw new Error('not used');
  },
};

async function openBenchCore(dbPath: string, resourcesDir: string) {
  const core = await openCore({ dbPath, resourcesDir, platform });
  const regions = await core.services.regions();
  return { core, regions };
}

export function desaList(regions: Awaited<ReturnType<typeof openBenchCore>>['regions']) {
  return regions.descendants('62.02').filter((r) => r.kode.length === 13).map((r) => r.kode);
}

async function measured<T>(f: () => Promise<T>): Promise<{ ms: number; peakMb: number; value: T }> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const start = performance.now();
  try {
    const value = await f();
    return { ms: performance.now() - start, peakMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, value };
  } finally {
    clearInterval(t);
  }
}

/** The programme export.bench.ts records for person n's proposal; RT and RW are numbers in the template. */
const USULAN_PROGRAMS = ['PKH', 'BPNT', 'PBI', 'NON BANSOS'];

async function child(mode: string, dbPath: string, out: string, resourcesDir: string): Promise<void> {
  const { core, regions } = await openBenchCore(dbPath, resourcesDir);
  const now = new Date();
  await ensureBuiltinTemplates(core.db, now);
  const template = (await findTemplate(core.db, 'siks-ng-usulan'))!;
  global.gc?.();
  const baseMb = process.memoryUsage().rss / 1024 / 1024;
  let result: { ms: number; peakMb: number; value: unknown };
  if (mode === 'export') {
    const deps = { db: core.db, regions, office: await loadOffice(core.db, regions), now };
    result = await measured(() => writeExport(deps, template, { dari: null, sampai: null, wilayah: null, program: null, sumberDana: null, status: null, penyerahanId: null, opd: null }, out));
  } else {
    // The same 21 values per row, prepared in memory before the clock starts.
    const desa = desaList(regions);
    const wil = (d: string) => {
      const p = regions.path(d);
      return [p[0]!.nama, p[1]!.nama, p[2]!.nama, regions.get(d)!.nama];
    };
    const rows: unknown[][] = [];
    for (let n = 0; n < ROWS; n++) {
      const p = person(n);
      const j = Math.floor(n / PER_KK);
      rows.push([p.nik, USULAN_PROGRAMS[n % 4], `62020100${String(j).padStart(8, '0')}`, p.nama.toUpperCase(), 'SAMPIT', formatTanggal(p.lahir), p.ibu.toUpperCase(), p.jk === 'L' ? 'LAKI-LAKI' : 'PEREMPUAN', p.pekerjaan, p.kawin, `JL. CONTOH NO. ${j}`, j % 20, j % 5, ...wil(desa[j % desa.length]!), 'TIDAK', null, p.jk === 'P' ? 'TIDAK' : null, null]);
    }
    const cols = template.def.columns;
    result = await measured(async () => {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet('DATA');
      ws.columns = cols.map((c) => {
        const numFmt = columnNumFmt(c.kind);
        return { width: c.width, ...(numFmt ? { style: { numFmt } } : {}) };
      });
      ws.addRow(cols.map((c) => c.header)).commit();
      for (const r of rows) ws.addRow(r).commit();
      ws.commit();
      await wb.commit();
      return { rows: rows.length };
    });
  }
  await core.close();
  process.stdout.write(`${JSON.stringify({ ms: result.ms, peakMb: result.peakMb, baseMb, value: result.value })}\n`);
}


if (process.env.EXPORT_BENCH_CHILD) {
  child(process.env.EXPORT_BENCH_CHILD, process.env.EXPORT_BENCH_DB!, process.env.EXPORT_BENCH_OUT!, process.env.EXPORT_BENCH_RESOURCES!).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
