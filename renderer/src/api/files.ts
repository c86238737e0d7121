import type { FileRef } from '../../../shared/api/files';
import { api, browserToken, isDesktop } from './client';

/**
 * Hands a produced file to the user: a save dialog in the desktop app, a download in browser mode.
 * Returns false when the user cancelled.
 */
export async function saveFile(file: FileRef): Promise<boolean> {
  if (isDesktop) return (await api.files.saveAs({ id: file.id })) !== null;
  const response = await fetch(`/files/${file.id}`, { headers: { 'x-dinsos-token': browserToken() ?? '' } });
  if (!response.ok) throw new Error('Berkas tidak dapat diunduh. Ulangi ekspor.');
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** Reads a picked file into bytes for an upload call. */
export async function readPickedFile(file: File): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
  return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
