/**
 * Reading layer of the import vs exceljs's streaming reader alone, on a generated 100,000-row, 24-column DTKS
 * sheet (title row, header, NIK/KK as text, dates as date cells). The whole import later must stay within
 * 1.5 × the bare reader, so this layer has to add little. `npm run bench read`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { bareReader } from './bareReader';
import { openSource } from '../../electron/core/imports/read';
import { record } from './results';

const ROWS = Number(process.env.READ_BENCH_ROWS ?? 100_000);

const HEADERS = [
  'No', 'ID DTKS', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Alamat', 'Dusun', 'RT', 'RW',
  'NO KK', 'NIK', 'Nama', 'Tanggal Lahir', 'Tempat Lahir', 'Jenis Kelamin', 'Pekerjaan', 'Nama Ibu Kandung',
  'Hub Keluarga', 'Keterangan Padan', 'BANSOS BPNT', 'BANSOS PKH', 'BANSOS BPNT-PPKM', 'PBI JKN',
];
const DESA = ['BAAMANG HULU', 'BAAMANG TENGAH', 'KETAPANG', 'MENTAWA BARU HULU', 'BAPINANG HILIR', 'PARENGGEAN'];
const NAMA = ['AMINAH', 'BUDI SANTOSO', 'CITRA DEWI', 'DEDI', 'EKO PRASETYO', 'FITRI', 'GUNAWAN', 'HASANAH'];
const PEKERJAAN = ['PETANI', 'BURUH', 'WIRASWASTA', 'TIDAK BEKERJA', 'NELAYAN'];
const HUB = ['KEPALA KELUARGA', 'ISTRI', 'ANAK', 'FAMILI LAIN'];

async function generate(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('DTKS');
  ws.addRow(['DATA TERPADU KESEJAHTERAAN SOSIAL KABUPATEN KOTAWARINGIN TIMUR']).commit();
  ws.addRow(HEADERS).commit();
  for (let i = 1; i <= ROWS; i++) {
    const kk = `620205${String(100000 + Math.floor(i / 4)).padStart(10, '0')}`;
    const nik = `6202${String(10_000_000_000 + i * 7919).slice(-12)}`;
    const row = ws.addRow([
      i, String(9_000_000 + i), 'KALIMANTAN TENGAH', 'KOTAWARINGIN TIMUR', 'BAAMANG', DESA[i % DESA.length],
      `JL. MAWAR NO ${i % 200}`, `DUSUN ${i % 5}`, String(i % 20).padStart(3, '0'), String(i % 8).padStart(3, '0'),
      kk, nik, `${NAMA[i % NAMA.length]} ${i}`, new Date(Date.UTC(1950 + (i % 60), i % 12, 1 + (i % 28))), 'SAMPIT',
      i % 2 ? 'LAKI-LAKI' : 'PEREMPUAN', PEKERJAAN[i % PEKERJAAN.length], `IBU ${i % 1000}`, HUB[i % HUB.length],
      i % 10 ? 'PADAN' : 'TIDAK PADAN', i % 3 ? 'YA' : 'TIDAK', i % 4 ? 'TIDAK' : 'YA', 'TIDAK', 'YA',
    ]);
    row.getCell(14).numFmt = 'dd/mm/yyyy';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}


async function readLayer(file: string): Promise<number> {
  const src = await openSource({ path: file });
  let n = 0;
  for await (const row of src.rows()) if (row.values.nik !== undefined) n++;
  return n;
}

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const start = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await f();
    const used = process.cpuUsage(cpu);
    return {
      ms: performance.now() - start,
      cpuMs: (used.user + used.system) / 1000,
      value,
      peakMb: Math.round(peak / 1024 / 1024),
    };
  } finally {
    clearInterval(t);
  }
}

export default async function bench(): Promise<void> {
  const file = path.join(os.tmpdir(), `dinsos-read-bench-${ROWS}.xlsx`);
  if (!fs.existsSync(file)) {
    const g = await timed(() => generate(file));
    console.log(`generated ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) in ${(g.ms / 1000).toFixed(1)} s`);
  }
  const bare: number[] = [];
  const layer: number[] = [];
  const bareCpu: number[] = [];
  const layerCpu: number[] = [];
  let rowsBare = 0;
  let rowsLayer = 0;
  let peak = 0;
  let peakBare = 0;
  for (let round = 0; round < 3; round++) {
    const b = await timed(() => bareReader(file));
    const l = await timed(() => readLayer(file));
    bare.push(b.ms);
    layer.push(l.ms);
    bareCpu.push(b.cpuMs);
    layerCpu.push(l.cpuMs);
    rowsBare = b.value;
    rowsLayer = l.value;
    peak = Math.max(peak, l.peakMb);
    peakBare = Math.max(peakBare, b.peakMb);
  }
  const b = Math.min(...bare);
  const l = Math.min(...layer);
  console.log(`exceljs streaming reader alone: ${(b / 1000).toFixed(2)} s (${rowsBare} rows, ${Math.round(rowsBare / (b / 1000))} rows/s)`);
  console.log(`openSource().rows():            ${(l / 1000).toFixed(2)} s (${rowsLayer} data rows, ${Math.round(rowsLayer / (l / 1000))} rows/s)`);
  const bc = Math.min(...bareCpu);
  const lc = Math.min(...layerCpu);
  console.log(`ratio: ${(l / b).toFixed(2)} × wall, ${(lc / bc).toFixed(2)} × CPU (${(bc / 1000).toFixed(2)} s vs ${(lc / 1000).toFixed(2)} s; best of 3 each, interleaved)`);
  console.log(`peak RSS (whole process): bare reader ${peakBare} MB, openSource ${peak} MB`);
  // The whole import must reach 0.6 × the bare reader (DESIGN.md), so its reading layer alone must too.
  record({ name: `read layer ${ROWS.toLocaleString('en-US')} DTKS rows (openSource().rows())`, median: l, yardstick: b, target: 0.6, unit: 'ms', note: 'best of 3, interleaved; yardstick exceljs streaming reader' });
}

if (require.main === module) {
  bench().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
