import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { createReadStream, statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { uploadLimits, uploadPurposes, type UploadPurpose, type UploadRef } from '../../shared/api/files';
import type { ApiResult } from '../../shared/api/result';
import { tooLarge, uploadThrough } from '../core/files/incoming';
import type { CoreClient, CoreClients } from '../core/host/host';
import { isAppUrl } from './security';

export const CALL_CHANNEL = 'dinsos:call';
/** A picked file: the preload sends its path on disk (webUtils.getPathForFile), never its bytes. */
export const UPLOAD_CHANNEL = 'dinsos:upload';

const FOREIGN = { ok: false, error: { code: 'FOREIGN_SENDER', message: 'Permintaan ditolak: bukan dari jendela aplikasi.' } } as const;

/**
 * Registers the contract on one IPC channel. A call is accepted only from the main frame of the app's own
 * window showing the app's own page; anything else (an iframe, another window, a navigated page) is refused.
 */
export function setupIpc(core: CoreClients & { readonly dataDir: string }, ownContents: () => WebContents | null, devServerUrl?: string) {
  // One client for both channels: an upload belongs to whoever is signed in on the window's calls.
  const client = core.createClient();
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!isOwnFrame(event, ownContents(), devServerUrl)) return FOREIGN;
    return client.call(name, input);
  });
  ipcMain.handle(UPLOAD_CHANNEL, async (event: IpcMainInvokeEvent, source: unknown, purpose: unknown) => {
    if (!isOwnFrame(event, ownContents(), devServerUrl)) return FOREIGN;
    return relayUpload(client, core.dataDir, source, purpose);
  });
}

/** A file the page made itself (a photo's thumbnail) has no path: it comes as bytes, this small at most. */
export const MAX_MADE_FILE = 512 * 1024;
const NO_PATH_MESSAGE = 'Berkas ini tidak dapat dibaca langsung dari disk (misalnya masih di dalam arsip zip). Simpan dulu ke folder di komputer, lalu pilih dari sana.';

/**
 * The desktop upload: the file the user picked is read from its path and streamed into the data folder (so a
 * later change to the original cannot change what is imported), then claimed for the window's user. Over the
 * purpose's limit it is refused before a byte is copied.
 */
export async function relayUpload(client: CoreClient, dataDir: string, source: unknown, purpose: unknown): Promise<ApiResult<UploadRef>> {
  if (typeof purpose !== 'string' || !(uploadPurposes as string[]).includes(purpose)) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: 'Jenis unggahan tidak dikenal.' } };
  }
  const kind = purpose as UploadPurpose;
  const call = (name: string, input: unknown) => client.call(name, input);
  const { path, bytes, name } = (source ?? {}) as { path?: unknown; bytes?: unknown; name?: unknown };
  if (bytes instanceof Uint8Array && typeof name === 'string') {
    if (bytes.byteLength > MAX_MADE_FILE) return { ok: false, error: { code: 'UPLOAD_NO_PATH', message: NO_PATH_MESSAGE } };
    return uploadThrough(call, dataDir, [bytes], name, kind);
  }
  let size: number;
  try {
    // A network (UNC) or device path is never what the picker gives for a local file, and reaching it would make
    // Windows contact another host.
    if (typeof path !== 'string' || !isAbsolute(path) || /^[\\/]{2}/.test(path)) throw new Error('not a local path');
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    return { ok: false, error: { code: 'INVALID_INPUT', message: 'Berkas yang dipilih tidak dapat dibaca. Pilih berkas lagi.' } };
  }
  if (size > uploadLimits[kind].maxBytes) return tooLarge(kind);
  return uploadThrough(call, dataDir, createReadStream(path), basename(path), kind);
}

export function isOwnFrame(event: IpcMainInvokeEvent, own: WebContents | null, devServerUrl?: string): boolean {
  const frame = event.senderFrame;
  return (
    !!own &&
    !!frame &&
    event.sender === own &&
    frame === own.mainFrame &&
    isAppUrl(frame.url, devServerUrl)
  );
}
