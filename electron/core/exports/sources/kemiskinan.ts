/** Extreme poverty per desa for the quarterly P3KE report: registry counts now, interventions in the period. */
import { sql } from 'kysely';
import { rowAreas } from './aid';
import { periodCondition, summarySource, wilayahCondition } from './common';
import type { SourceRecord } from './types';

interface DesaCounts {
  desa_kode: string;
  keluarga: number;
  desil14: number;
  ekstrem: number;
  diintervensi: number;
}

export const kemiskinanDesaSource = summarySource(async (env) => {
  const f = env.filters;
  const intervened = sql`exists (select 1 from intervensi i left join anggota ia on ia.id = i.anggota_id
      where (i.keluarga_id = k.id or ia.keluarga_id = k.id) and ${periodCondition(sql`i.tanggal`, f.dari, f.sampai)})`;
  const keluarga = await sql<DesaCounts>`select k.desa_kode, count(*) as keluarga,
      sum(case when k.desil between 1 and 4 then 1 else 0 end) as desil14,
      sum(k.miskin_ekstrem) as ekstrem,
      sum(case when k.miskin_ekstrem = 1 and ${intervened} then 1 else 0 end) as diintervensi
    from keluarga k where ${wilayahCondition(f.wilayah)}
      and exists (select 1 from anggota a where a.keluarga_id = k.id and a.status = 'aktif')
    group by k.desa_kode`.execute(env.db);
  const jiwa = await sql<{ desa_kode: string; jiwa: number; jiwa_ekstrem: number }>`select k.desa_kode, count(*) as jiwa, sum(k.miskin_ekstrem) as jiwa_ekstrem
    from anggota a join keluarga k on k.id = a.keluarga_id where a.status = 'aktif' and ${wilayahCondition(f.wilayah)} group by k.desa_kode`.execute(env.db);
  const byDesa = new Map(keluarga.rows.map((r) => [r.desa_kode, r]));
  const jiwaByDesa = new Map(jiwa.rows.map((r) => [r.desa_kode, r]));
  const areas = [...new Set([...rowAreas({ ...env, groupBy: 'desa' }), ...byDesa.keys()])].sort();
  return areas.map((kode, i): SourceRecord => {
    const k = byDesa.get(kode);
    const j = jiwaByDesa.get(kode);
    const desa = env.regions.get(kode);
    const kec = desa?.parentKode ? env.regions.get(desa.parentKode) : null;
    const ekstrem = Number(k?.ekstrem ?? 0);
    const sudah = Number(k?.diintervensi ?? 0);
    return {
      no: i + 1,
      kecamatan: kec?.nama ?? '',
      desa: desa?.nama ?? kode,
      kodeWilayah: kode.replace(/\./g, ''),
      jumlahKeluarga: Number(k?.keluarga ?? 0),
      jumlahJiwa: Number(j?.jiwa ?? 0),
      keluargaDesil1_4: Number(k?.desil14 ?? 0),
      keluargaEkstrem: ekstrem,
      jiwaEkstrem: Number(j?.jiwa_ekstrem ?? 0),
      ekstremDenganIntervensi: sudah,
      ekstremTanpaIntervensi: ekstrem - sudah,
      persenIntervensi: ekstrem > 0 ? sudah / ekstrem : null,
    };
  });
});
