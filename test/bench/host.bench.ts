/**
 * Heavy work leaves the window alone: while a 100,000-row DTKS import commits, how long do other calls take?
 * Yardstick: the same core in one process (as before the core process existed), where the import's checking
 * and the calls share one event loop and one SQLite connection. Figure: the core in its own process with the
 * import in the job worker (child_process.fork, the protocol of the desktop utility process).
 * Target: p95 < 100 ms for auth.current / registry.list during the import. `npm run bench host`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StagedFile } from '../../shared/api/imports';
import type { JobStatus } from '../../shared/api/jobs';
import { kotimSetup, nullPlatform, openTestCore, ok } from '../helpers/core';
import { execFileSync } from 'node:child_process';
import { coreScripts, RESOURCES, startForkedCore } from '../helpers/webApp';
import { bundleScript, childEnv } from './bundle';
import { generate } from './import.bench';
import { record } from './results';

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);

type Caller = { call(name: unknown, input: unknown): Promise<{ ok: boolean }> };

const program = { nama: 'Bantuan Sembako Bench', jenis: 'barang', satuan: 'paket', nilaiSatuan: 250_000, sumberDana: 'apbd_kab', opd: 'Dinas Sosial', tahun: 2026, kategori: 'bansos', keterangan: null };

async function measure(admin: Caller, file: string) {
  const staged = await ok<StagedFile>(admin as never, 'imports.upload', { fileName: 'dtks.xlsx', bytes: new Uint8Array(fs.readFileSync(file)) });
  const t0 = performance.now();
  const job = await ok<JobStatus>(admin as never, 'imports.commit', { stagingId: staged.stagingId });
  const latencies: number[] = [];
  const saves: { ms: number; ok: boolean; code?: string }[] = [];
  let state = 'running';
  let ticks = 0;
  while (state === 'running') {
    for (const [name, input] of [['auth.current', undefined], ['registry.list', { q: 'a', limit: 20 }]] as const) {
      const s = performance.now();
      await admin.call(name, input);
      latencies.push(performance.now() - s);
    }
    // Every ~2 s a save (a new aid programme): writes wait for the import's transaction.
    if (++ticks % 40 === 0) {
      const s = performance.now();
      const r = (await admin.call('programs.create', { ...program, nama: `${program.nama} ${ticks}` })) as { ok: boolean; error?: { code: string } };
      saves.push({ ms: performance.now() - s, ok: r.ok, ...(r.error ? { code: r.error.code } : {}) });
    }
    const status = await ok<JobStatus>(admin as never, 'jobs.status', { id: job.id });
    state = status.state;
    await new Promise((r) => setTimeout(r, 50));
  }
  const importSeconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { state, importSeconds, calls: latencies.length, p50: q(0.5), p95: q(0.95), max: latencies.at(-1)!, saves };
}

function print(label: string, r: Awaited<ReturnType<typeof measure>>) {
  const saves = r.saves.map((s) => `${s.ms.toFixed(0)} ms ${s.ok ? 'ok' : s.code}`).join(', ') || '–';
  console.log(
    `${label}: import ${r.state} in ${r.importSeconds.toFixed(1)} s; ${r.calls} calls answered meanwhile (${(r.calls / r.importSeconds).toFixed(1)}/s): p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, longest ${r.max.toFixed(0)} ms; saves meanwhile: ${saves}`,
  );
}

/** Peak resident memory of a process (Linux), in MB. */
function peakRssMb(pid: number): number | null {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

export default async function (): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinsos-host-bench-'));
  const file = path.join(dir, 'dtks.xlsx');
  await generate(file);
  console.log(`sheet: ${ROWS.toLocaleString('id-ID')} rows; calls measured: auth.current + registry.list (first page) in turn, every 50 ms`);

  const core = await openTestCore();
  try {
    const admin = core.createClient();
    await ok(admin, 'admin.completeSetup', kotimSetup());
    print('one process (yardstick, as before)', await measure(admin, file));
  } finally {
    await core.close();
  }

  // Start-up on a database that exists (regions loaded), as every start after the first.
  const dbPath = path.join(dir, 'start.sqlite');
  await (await openTestCore({ dbPath })).close();
  coreScripts(); // bundled before the clock starts (the app ships them built)
  // Yardstick: a fresh process that opens the core in-process (module loading included, as for the child).
  const opener = bundleScript(path.join(__dirname, 'openChild.ts'), dir);
  let t = performance.now();
  execFileSync(process.execPath, [opener, dbPath, RESOURCES], { env: childEnv(), encoding: 'utf8' });
  const openInProcess = performance.now() - t;
  t = performance.now();
  const host = await startForkedCore({ dbPath, platform: nullPlatform });
  await host.createClient().call('auth.current', undefined);
  console.log(`start to first answer: core process ${(performance.now() - t).toFixed(0)} ms (yardstick: a fresh process opening the core in-process ${openInProcess.toFixed(0)} ms)`);
  try {
    const admin = host.createClient();
    await ok(admin, 'admin.completeSetup', kotimSetup());
    const r = await measure(admin, file);
    print('core process + job worker      ', r);
    console.log(`core process peak RSS (with the job worker's import): ${peakRssMb(host.pid!) ?? '?'} MB`);
    console.log(`target p95 < 100 ms: ${r.p95 < 100 ? 'met' : 'NOT met'}`);
    record({ name: 'calls answered during a 100k import (p95)', median: r.p95, yardstick: null, target: 100, unit: 'ms', note: `p95 of ${r.calls} calls; p50 ${r.p50.toFixed(1)} ms` });
  } finally {
    await host.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
