/**
 * Tests hand a picked file as `{ fileName, bytes }` (and a thumbnail as bare bytes). A test core's clients
 * upload it first, exactly as the desktop relay and browser mode's POST /uploads do — streamed into the data
 * folder, then claimed through the same client (`files.claimUpload`) — and the call gets the upload reference.
 */
import { uploadThrough } from '../../electron/core/files/incoming';
import type { UploadPurpose } from '../../shared/api/files';
import type { ApiResult } from '../../shared/api/result';

type RawCall = (name: unknown, input: unknown) => Promise<ApiResult<unknown>>;

/** The purpose a call's picked file is uploaded for (its size limit). */
function purposeOf(name: unknown): UploadPurpose {
  if (name === 'handovers.addPhoto') return 'photo';
  return typeof name === 'string' && name.startsWith('backup.') ? 'backup' : 'import';
}

/**
 * Wraps a client's call: every `{ fileName, bytes }` in the input (and a bare Uint8Array, the photo's thumbnail)
 * is first streamed into the data folder and claimed through the same client (`files.claimUpload`), exactly as
 * the desktop relay and POST /uploads do, and the call gets the upload reference. A refused upload is the answer.
 */
export function withUploads(dataDir: string, call: RawCall): RawCall {
  return async (name, input) => {
    let refused: ApiResult<unknown> | null = null;
    const swap = async (value: unknown, key: string): Promise<unknown> => {
      if (refused) return value;
      const picked =
        value instanceof Uint8Array
          ? { fileName: `${key}.jpg`, bytes: value }
          : value && typeof value === 'object' && !Array.isArray(value) && (value as { bytes?: unknown }).bytes instanceof Uint8Array
            ? (value as { fileName: string; bytes: Uint8Array })
            : null;
      if (picked) {
        const { bytes, ...rest } = picked as { fileName: string; bytes: Uint8Array } & Record<string, unknown>;
        const result = await uploadThrough((n, i) => call(n, i), dataDir, [bytes], picked.fileName, purposeOf(name));
        if (!result.ok) return ((refused = result), value);
        return { ...rest, ...result.value };
      }
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = await swap(v, k);
        return out;
      }
      return value;
    };
    const swapped = await swap(input, 'berkas');
    return refused ?? call(name, swapped);
  };
}

/** Makes every client of `core` upload picked bytes first (see `withUploads`). */
export function uploadingClients<C extends { createClient(): { call: RawCall } }>(core: C, dataDir: () => string): C {
  const createClient = core.createClient.bind(core);
  core.createClient = () => {
    const made = createClient();
    return { ...made, call: withUploads(dataDir(), made.call) };
  };
  return core;
}
