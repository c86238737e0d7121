import { uploadLimits, uploadTooLargeMessage, type FileRef, type UploadPurpose, type UploadRef } from '../../../shared/api/files';
import { notifications } from '@mantine/notifications';
import type { ApiResult } from '../../../shared/api/result';
import { decodeWire } from '../../../shared/api/wire';
import { api, ApiError, browserToken, isDesktop, unwrap } from './client';

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

/**
 * Hands a picked file to the main side for a call that takes it, and returns its reference. The page never
 * reads the file: the desktop app sends its path, browser mode streams it to POST /uploads. A file over the
 * purpose's limit is refused here before anything is sent (and again by the main side).
 */
export async function uploadPickedFile(file: File, purpose: UploadPurpose): Promise<UploadRef> {
  if (file.size > uploadLimits[purpose].maxBytes) throw new ApiError({ code: 'TOO_LARGE', message: uploadTooLargeMessage(purpose) });
  if (isDesktop) return unwrap(await window.dinsos!.upload(file, purpose));
  let response: Response;
  try {
    response = await fetch(`/uploads?purpose=${purpose}&name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-dinsos-token': browserToken() ?? '' },
      body: file,
    });
  } catch {
    throw new ApiError({ code: 'UPLOAD_FAILED', message: 'Berkas tidak dapat dikirim. Periksa berkasnya, lalu pilih lagi.' });
  }
  // A server fault answers in plain text, not as a call's result.
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) {
    throw new ApiError({ code: 'UPLOAD_FAILED', message: 'Berkas tidak dapat disimpan di aplikasi. Coba pilih lagi; bila terulang, periksa ruang disk.' });
  }
  return unwrap(decodeWire(await response.text()) as ApiResult<UploadRef>);
}

/** The same for a page with no place of its own for the error: a refused file is shown as a failed call is, and gives null. */
export async function uploadPickedFileOrNotify(file: File, purpose: UploadPurpose): Promise<UploadRef | null> {
  try {
    return await uploadPickedFile(file, purpose);
  } catch (error) {
    notifications.show({ color: 'red', title: 'Gagal', message: (error as Error).message, autoClose: 8000 });
    return null;
  }
}
