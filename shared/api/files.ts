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

/** What a picked file is for: each has its own size limit, checked by the transport while the file streams in. */
export const uploadLimits = {
  /** Excel/CSV lists (registry import, SIKS-NG results, operator sheets, agency lists): the import reader's limit. */
  import: { maxBytes: 200 * 1024 * 1024, label: '200 MB' },
  /** A handover photo (and its thumbnail). */
  photo: { maxBytes: 8 * 1024 * 1024, label: '8 MB' },
  /** A backup file (database and attachments). */
  backup: { maxBytes: 2 * 1024 * 1024 * 1024, label: '2 GB' },
} as const;
export type UploadPurpose = keyof typeof uploadLimits;
export const uploadPurposes = Object.keys(uploadLimits) as UploadPurpose[];

/** The Indonesian refusal for a file over its purpose's limit (HTTP 413, the desktop relay, the renderer's check). */
export function uploadTooLargeMessage(purpose: UploadPurpose): string {
  return `Berkas terlalu besar: batasnya ${uploadLimits[purpose].label}.`;
}

/**
 * A picked file as the calls see it: the transport streamed it into the data folder (browser mode: POST /uploads;
 * desktop: copied from the path the user picked) and the core recorded it for the user who picked it. No call
 * takes a file's bytes.
 */
export interface UploadRef {
  uploadId: string;
  fileName: string;
  size: number;
}

const fileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((n) => !/[\\/]|\.\./.test(n), 'Nama berkas tidak boleh memuat folder.');

/** A picked file for `purpose`: refused when empty or over the purpose's limit. */
export function uploadRefSchema(purpose: UploadPurpose) {
  return z.object({
    uploadId: z.string().regex(/^[a-f0-9]{32}$/, 'Berkas unggahan tidak dikenal. Pilih berkas lagi.'),
    fileName: fileNameSchema,
    size: z
      .number()
      .int()
      .positive('Berkas kosong.')
      .max(uploadLimits[purpose].maxBytes, uploadTooLargeMessage(purpose)),
  });
}

export const filesContract = {
  /**
   * Records a file the transport has just streamed into the data folder as the caller's upload (called by the
   * desktop relay and the browser-mode server, never by a page): the returned reference works for this user only.
   */
  claimUpload: call({
    input: z.object({ incomingId: z.string().regex(/^[a-f0-9]{32}$/), fileName: fileNameSchema, purpose: z.enum(uploadPurposes as [UploadPurpose, ...UploadPurpose[]]) }),
    access: 'public', scope: 'none', audit: false, returns: returns<UploadRef>(),
  }),
  /** Desktop only: asks where to save, then copies the file there. Returns null when the user cancels. */
  saveAs: call({ input: z.object({ id: fileIdSchema }), access: 'session', scope: 'none', audit: false, returns: returns<{ path: string } | null>() }),
};
