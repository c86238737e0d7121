import { z } from 'zod';
import { call, returns } from './define';

/**
 * A file the main side produced (an export, a PDF, a rejected-rows sheet). It waits in the outbox until the
 * user saves it: in the desktop app through a save dialog, in browser mode as a download.
 */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  mime: string;
}

export const fileIdSchema = z.string().regex(/^[a-f0-9]{32}$/, 'Berkas tidak dikenal.');

/** Bytes sent from the renderer (a picked file). Both transports carry Uint8Array. */
export const uploadSchema = z.object({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((n) => !/[\\/]|\.\./.test(n), 'Nama berkas tidak boleh memuat folder.'),
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0, 'Berkas kosong.'),
});

export const filesContract = {
  /** Desktop only: asks where to save, then copies the file there. Returns null when the user cancels. */
  saveAs: call({ input: z.object({ id: fileIdSchema }), access: 'session', scope: 'none', audit: false, returns: returns<{ path: string } | null>() }),
};
