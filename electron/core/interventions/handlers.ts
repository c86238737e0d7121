import type { IntervensiRow } from '../../../shared/api/interventions';
import type { FeatureHandlers } from '../api/handlerTypes';
import { AppError } from '../api/errors';
import type { RegionIndex } from '../regions/regionIndex';
import { createIntervensi, importIntervensiList } from './mutations';
import { distinctOptions, findGaps, findOverlaps, listIntervensi, type RawRow } from './queries';
import { readInterventionList } from './readList';


function withNames(regions: RegionIndex, r: RawRow): IntervensiRow {
  const { desaKode, kecamatanKode, ...rest } = r;
  return { ...rest, desa: regions.nameOf(desaKode), kecamatan: regions.nameOf(kecamatanKode) };
}

export const interventionsHandlers: FeatureHandlers<'interventions'> = {
  async list(input, ctx) {
    const regions = await ctx.regions();
    const { rows, total } = await listIntervensi(ctx.db, input);
    return { rows: rows.map((r) => withNames(regions, r)), total };
  },

  async options(_input, ctx) {
    return distinctOptions(ctx.db);
  },

  async create(input, ctx) {
    const id = await ctx.db.transaction().execute((trx) => createIntervensi(trx, ctx.session, input, 'manual', ctx.now()));
    const regions = await ctx.regions();
    const { rows } = await listIntervensi(ctx.db, { q: input.nik, limit: 200, offset: 0 });
    const row = rows.find((r) => r.id === id);
    if (!row) throw new AppError('INTERNAL', 'Intervensi tersimpan tetapi tidak dapat dibaca kembali.');
    return withNames(regions, row);
  },

  async overlaps(input, ctx) {
    const regions = await ctx.regions();
    const rows = await findOverlaps(ctx.db, input);
    return rows.map(({ desaKode, kecamatanKode, opdList, tanggalList, ...rest }) => ({
      ...rest,
      kali: Number(rest.kali),
      desa: regions.nameOf(desaKode) ?? '',
      kecamatan: regions.nameOf(kecamatanKode) ?? '',
      opd: [...new Set(opdList.split('|'))],
      tanggal: tanggalList.split('|').sort(),
    }));
  },

  async gaps(input, ctx) {
    const regions = await ctx.regions();
    const { rows, total } = await findGaps(ctx.db, input);
    return {
      total,
      rows: rows.map(({ desaKode, kecamatanKode, ...rest }) => ({ ...rest, jiwa: Number(rest.jiwa), desa: regions.nameOf(desaKode) ?? '', kecamatan: regions.nameOf(kecamatanKode) ?? '' })),
    };
  },

  async importList(input, ctx) {
    const rows = await readInterventionList(input.bytes);
    return importIntervensiList(ctx.db, ctx.session, input.opd, rows, input.dryRun, ctx.now());
  },
};
