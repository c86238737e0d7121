/** Paper sizes offices use: A4 (210 × 297 mm) and F4/Folio (215 × 330 mm). */
export type Paper = 'A4' | 'F4';

/** A signing official (or any named person with a function). */
export interface Official {
  nama: string;
  /** 18 digits, printed grouped ("19660503 199102 1 001"); omit for non-civil-servants. */
  nip?: string;
  jabatan: string;
  /** e.g. 'Pembina Tk. I (IV/b)'. */
  pangkat?: string;
}

/** The office's letterhead (kop surat) and head of office, from the office profile. */
export interface OfficeHeader {
  /** 'PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR' */
  pemerintah: string;
  /** 'DINAS SOSIAL' */
  namaDinas: string;
  alamat: string;
  telepon?: string;
  email?: string;
  website?: string;
  /** Place name used in "Sampit, 3 Mei 2024". */
  kota: string;
  /** The regional emblem as a `data:image/png;base64,...` URL; anything else is ignored (no file or network references). */
  logoDataUrl?: string | null;
  kepalaDinas: { nama: string; nip: string; pangkat?: string; jabatan: string };
}

/** A finished document, ready for `webContents.print`/`printToPDF` or Chromium's `page.pdf()`. */
export interface DocumentOutput {
  html: string;
  title: string;
  paper: Paper;
  landscape: boolean;
}
