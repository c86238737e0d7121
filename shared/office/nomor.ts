const ROMAWI = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export const nomorPlaceholders = ['{seq}', '{seq3}', '{bulan}', '{bulanRomawi}', '{tahun}', '{kode}'] as const;

/**
 * Fills an office's document-number pattern, e.g. "{seq3}/BAST/DINSOS/{bulanRomawi}/{tahun}" with seq 7 in
 * May 2024 → "007/BAST/DINSOS/V/2024". `date` is ISO (YYYY-MM-DD).
 */
export function formatNomor(pattern: string, values: { seq: number; date: string; kode?: string }): string {
  const [year, month] = values.date.split('-');
  const m = Number(month);
  return pattern
    .replaceAll('{seq3}', String(values.seq).padStart(3, '0'))
    .replaceAll('{seq}', String(values.seq))
    .replaceAll('{bulanRomawi}', ROMAWI[m - 1] ?? '')
    .replaceAll('{bulan}', String(m).padStart(2, '0'))
    .replaceAll('{tahun}', year ?? '')
    .replaceAll('{kode}', values.kode ?? '');
}

export const defaultNomorPola = {
  bast: '{seq3}/BAST/DINSOS/{bulanRomawi}/{tahun}',
  undangan: '005/{seq3}/DINSOS/{bulanRomawi}/{tahun}',
  notulen: '{seq3}/NOT/DINSOS/{bulanRomawi}/{tahun}',
};
