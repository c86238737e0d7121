/** The registry list filtered the way a dashboard number was counted. */
export function registryLink(filter: { kecamatan?: string; desil14?: boolean; ekstrem?: boolean; tanpaIntervensi?: boolean }): string {
  // Families nobody reached are listed by the interventions feature, per kecamatan and desa.
  if (filter.tanpaIntervensi) return '/intervensi/belum-tersentuh';
  const params = new URLSearchParams();
  if (filter.kecamatan) params.set('kecamatan', filter.kecamatan);
  if (filter.desil14) params.set('desil', '1-4');
  if (filter.ekstrem) params.set('ekstrem', '1');
  const query = params.toString();
  return `/registri${query ? `?${query}` : ''}`;
}
