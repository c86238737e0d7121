/**
 * `--smoke`: the installed app proves, without a person at the screen, that it can do the work an office needs
 * on this PC. In a fresh data folder it sets up a test office (migrations and region data on first open), adds
 * a person, records a handover with that person, renders the BAST to PDF through the host's printer
 * (Electron's printToPDF in the app), writes a backup and reads the backup back as a restore would. The CI
 * workflow installs the Windows build and runs it; here the same steps run against the core in a Node child.
 *
 * Everything goes through the public contract (the same calls the window makes), so the core may run in this
 * process or in its own process. The data are made up; nothing is ever written into an existing database.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../../shared/api/contract';
import type { JobStatus } from '../../../shared/api/jobs';
import type { ApiResult } from '../../../shared/api/result';
import { defaultNomorPola } from '../../../shared/office/nomor';
import { version as appVersion } from '../../../package.json';
import { migrationNames } from '../db/migrations';
import { uploadThrough, type OutboxFile } from '../files';

export interface SmokeTarget {
  /** A caller of the contract (a fresh client: the smoke signs in by setting up the office). */
  call(name: unknown, input: unknown): Promise<ApiResult<unknown>>;
  /** A produced file of this caller's (the PDF and the backup are read back as a transport hands them over). */
  file(id: string): Promise<OutboxFile | null>;
  now?: () => Date;
}

export interface SmokeReport {
  ok: true;
  version: string;
  schemaVersion: number;
  regionsLoaded: number;
  anggotaId: number;
  penyerahanId: number;
  bast: { bytes: number; nomor: string };
  backup: { fileName: string; bytes: number; sha256: string; schemaVersion: number; anggota: number };
  /** Milliseconds per step. */
  ms: Record<string, number>;
}

export interface SmokeFailure {
  ok: false;
  step: string;
  error: { code: string; message: string };
}

/** A failed step: what was being done, with the main side's code and Indonesian message. */
export class SmokeStepError extends Error {
  constructor(
    /** Empty when thrown by a call; the step running it fills it in. */
    readonly step: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SmokeStepError';
  }
}

/** The database file a fresh smoke folder must not already have (the smoke never touches an office's data). */
export function assertFreshDataDir(dataDir: string) {
  if (existsSync(join(dataDir, 'dinsos.sqlite')) || (existsSync(dataDir) && readdirSync(dataDir).length > 0)) {
    throw new SmokeStepError('folder', 'SMOKE_DATA_DIR_NOT_EMPTY', `Folder ${dataDir} tidak kosong. Uji asap hanya berjalan di folder data baru, agar data kantor tidak tersentuh.`);
  }
}

const OFFICE = {
  provinsiKode: '62',
  kabKotaKode: '62.02',
  namaInstansi: 'Dinas Sosial Kabupaten Kotawaringin Timur (uji asap)',
  alamat: 'Jl. Jenderal Sudirman Km. 5,5, Sampit',
  kota: 'Sampit',
  kepalaNama: 'Kepala Dinas Uji',
  kepalaNip: '19680412 199303 1 007',
  nomorPola: { ...defaultNomorPola },
  kertas: 'F4',
} as const;

/** A made-up person with a NIK and No KK that fit the desa (Kota Besi, Kotawaringin Timur). */
const PERSON = {
  noKk: '6202011503100004',
  nik: '6202011205750001',
  nama: 'Penerima Uji Asap',
  jenisKelamin: 'L',
  alamat: 'Jl. Uji Coba',
  rt: '001',
  rw: '001',
  desaKode: '62.02.01.2003',
} as const;

/** A file the smoke just produced, fetched as the caller's own (as browser mode's download does). */
async function producedFile(target: SmokeTarget, step: string, id: string): Promise<OutboxFile> {
  const file = await target.file(id);
  if (!file) throw new SmokeStepError(step, 'SMOKE_NO_FILE', 'Berkas yang baru dibuat tidak dapat diambil.');
  return file;
}

/** Runs every step; throws SmokeStepError naming the step that failed. */
export async function runSmoke(target: SmokeTarget): Promise<SmokeReport> {
  const now = target.now ?? (() => new Date());
  const ms: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } catch (error) {
      if (error instanceof SmokeStepError) throw error.step ? error : new SmokeStepError(name, error.code, error.message);
      throw new SmokeStepError(name, 'SMOKE_FAILED', error instanceof Error ? error.message : String(error));
    } finally {
      ms[name] = Math.round(performance.now() - started);
    }
  };
  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const result = await target.call(name, input);
    if (!result.ok) throw new SmokeStepError('', result.error.code, `${name}: ${result.error.message}`);
    return result.value as CallOutput<N>;
  };
  const today = now().toISOString().slice(0, 10);

  const status = await step('open', async () => {
    const found = await call('admin.setupStatus', undefined);
    if (!found.needsSetup) throw new SmokeStepError('open', 'SMOKE_DATA_DIR_NOT_EMPTY', 'Basis data uji asap sudah berisi kantor: gunakan folder data baru.');
    return found;
  });
  await step('setup', () => call('admin.completeSetup', { office: OFFICE, admin: { nama: 'Admin Uji Asap', username: 'ujiasap', password: `uji-asap-${today}` } }));
  const person = await step('record', () => call('handovers.addPerson', PERSON));
  const handover = await step('handover', async () => {
    const program = await call('programs.create', {
      nama: 'Bantuan Uji Asap',
      jenis: 'barang',
      satuan: 'paket',
      nilaiSatuan: 250_000,
      sumberDana: 'apbd_kab',
      opd: 'Dinas Sosial',
      tahun: Number(today.slice(0, 4)),
      kategori: 'bansos',
    });
    const created = await call('handovers.create', {
      programId: program.id,
      tanggal: today,
      tempat: 'Kantor Dinas Sosial',
      mode: 'perorangan',
      pertamaNama: OFFICE.kepalaNama,
      pertamaNip: OFFICE.kepalaNip,
      pertamaJabatan: 'Kepala Dinas Sosial',
    });
    return call('handovers.addRecipients', { penyerahanId: created.id, anggotaIds: [person.anggotaId] });
  });
  const bast = await step('bast', async () => {
    const file = await call('handovers.savePdf', { penyerahanId: handover.id, kind: 'bast', penerimaId: null });
    const bytes = readFileSync((await producedFile(target, 'bast', file.id)).path);
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new SmokeStepError('bast', 'SMOKE_BAD_PDF', 'Berkas BAST yang dibuat bukan PDF.');
    const detail = await call('handovers.get', { id: handover.id });
    return { bytes: bytes.byteLength, nomor: detail.penerima[0]?.nomorBast ?? '' };
  });
  const backup = await step('backup', async () => {
    const started = await call('backup.toFile', undefined);
    let job: JobStatus = started;
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = await call('jobs.status', { id: started.id });
    }
    if (job.state !== 'done') throw new SmokeStepError('backup', job.error?.code ?? 'SMOKE_FAILED', job.error?.message ?? 'Cadangan tidak selesai.');
    const file = await producedFile(target, 'backup', (job.result as { id: string }).id);
    const bytes = readFileSync(file.path);
    // Read back as a restore would, picked and uploaded as a transport does (the outbox sits in the data folder):
    // the manifest, its SHA-256, the schema, the counts.
    const upload = await uploadThrough((n, i) => target.call(n, i), dirname(dirname(file.path)), createReadStream(file.path), file.name, 'backup');
    if (!upload.ok) throw new SmokeStepError('backup', upload.error.code, upload.error.message);
    const staged = await call('backup.stageUpload', upload.value);
    if (staged.info.counts.anggota !== 1) throw new SmokeStepError('backup', 'SMOKE_BAD_BACKUP', `Cadangan berisi ${staged.info.counts.anggota} anggota, seharusnya 1.`);
    if (staged.info.schemaVersion !== migrationNames.length) {
      throw new SmokeStepError('backup', 'SMOKE_BAD_BACKUP', `Skema cadangan ${staged.info.schemaVersion}, seharusnya ${migrationNames.length}.`);
    }
    return {
      fileName: file.name,
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      schemaVersion: staged.info.schemaVersion,
      anggota: staged.info.counts.anggota,
    };
  });
  return {
    ok: true,
    version: appVersion,
    schemaVersion: backup.schemaVersion,
    regionsLoaded: status.regionsLoaded,
    anggotaId: person.anggotaId,
    penyerahanId: handover.id,
    bast,
    backup,
    ms,
  };
}

/** The one JSON line a failed smoke prints. */
export function smokeFailure(error: unknown): SmokeFailure {
  if (error instanceof SmokeStepError) return { ok: false, step: error.step, error: { code: error.code, message: error.message } };
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'SMOKE_FAILED';
  return { ok: false, step: 'start', error: { code, message: error instanceof Error ? error.message : String(error) } };
}
