import type { WilayahCounts } from '../../../shared/api/dashboard';
import { loadOffice } from '../admin';
import type { FeatureHandlers } from '../api/handlerTypes';
import { bantuanPerProgram, countsPerKecamatan } from './queries';

const zero = (): WilayahCounts => ({ keluarga: 0, jiwa: 0, desil14: 0, ekstrem: 0, ekstremTanpaIntervensi: 0 });

export const dashboardHandlers: FeatureHandlers<'dashboard'> = {
  async summary({ tahun }, ctx) {
    const regions = await ctx.regions();
    const office = await loadOffice(ctx.db, regions);
    const year = tahun ?? ctx.now().getFullYear();
    const counts = await countsPerKecamatan(ctx.db, ctx.scope);
    // Every kecamatan of the office appears, with zeros where nothing is registered yet: gaps are the point.
    const kecamatan = regions.children(office.kabKotaKode).filter((r) => r.level === 'kecamatan');
    const operatorArea = ctx.session?.role === 'operator' && ctx.session.wilayah.length ? ctx.session.wilayah : null;
    const visible = operatorArea ? kecamatan.filter((k) => operatorArea.some((w) => w === k.kode || w.startsWith(`${k.kode}.`))) : kecamatan;
    const perKecamatan = visible.map((k) => ({ kode: k.kode, nama: k.nama, ...(counts.get(k.kode) ?? zero()) }));
    const totals = perKecamatan.reduce((sum, k) => {
      for (const key of Object.keys(sum) as (keyof WilayahCounts)[]) sum[key] += k[key];
      return sum;
    }, zero());
    return {
      tahun: year,
      kabKotaNama: office.kabKotaNama,
      totals,
      perKecamatan,
      bantuan: await bantuanPerProgram(ctx.db, year, ctx.scope),
    };
  },
};
