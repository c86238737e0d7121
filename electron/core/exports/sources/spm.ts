/**
 * SPM Bidang Sosial (PP 2/2018 Pasal 10 ayat 3; indicator X/Y × 100 %, target 100 %, Permensos 9/2018).
 * Y is estimated from the registry where it records the condition (disability, age, welfare rank); X counts
 * those people who received a handover or an intervention in the period. Services whose target group the
 * registry does not record (homeless people, disaster victims) are listed with zero and a note to fill in.
 */
import { sql } from 'kysely';
import { AppError } from '../../api/errors';
import { periodCondition, summarySource, usia, wilayahCondition } from './common';
import type { SourceRecord } from './types';

interface Candidate {
  id: number;
  tanggal_lahir: string | null;
  disabilitas: string | null;
  desil: number | null;
  miskin_ekstrem: number;
}

export const spmSource = summarySource(async (env) => {
  const f = env.filters;
  // SPM achievement is reported per year: the year and the X counted are those of the period the user chose,
  // never the clock's.
  if (!f.dari && !f.sampai) throw new AppError('INVALID_INPUT', 'Pilih periode laporan SPM (mis. 01/01/2025 s.d. 31/12/2025): capaian dihitung untuk periode itu dan tahunnya tercantum di judul.');
  const onDate = f.sampai ?? env.today;
  const res = await sql<Candidate>`select a.id, a.tanggal_lahir, a.disabilitas, k.desil, k.miskin_ekstrem
    from anggota a join keluarga k on k.id = a.keluarga_id
    where a.status = 'aktif' and (k.desil between 1 and 4 or k.miskin_ekstrem = 1) and ${wilayahCondition(f.wilayah)}`.execute(env.db);
  const served = new Set<number>();
  const received = await sql<{ anggota_id: number }>`select distinct pn.anggota_id from penerima pn join penyerahan p on p.id = pn.penyerahan_id
    where pn.status = 'diterima' and ${periodCondition(sql`coalesce(pn.tanggal_terima, p.tanggal)`, f.dari, f.sampai)}`.execute(env.db);
  for (const x of received.rows) served.add(x.anggota_id);
  const intervened = await sql<{ anggota_id: number }>`select distinct anggota_id from intervensi where anggota_id is not null and ${periodCondition(sql`tanggal`, f.dari, f.sampai)}`.execute(env.db);
  for (const x of intervened.rows) served.add(x.anggota_id);
  const services: { layanan: string; kriteria: string; test: ((c: Candidate) => boolean) | null; keterangan: string }[] = [
    {
      layanan: 'Rehabilitasi sosial dasar penyandang disabilitas telantar di luar panti',
      kriteria: 'Anggota aktif dengan disabilitas tercatat, keluarga desil 1–4 atau miskin ekstrem',
      test: (c) => !!c.disabilitas && c.disabilitas.trim() !== '',
      keterangan: 'Y dari registri; X = menerima bantuan/intervensi dalam periode',
    },
    {
      layanan: 'Rehabilitasi sosial dasar anak telantar di luar panti',
      kriteria: 'Anak di bawah 18 tahun dalam keluarga miskin ekstrem',
      test: (c) => c.miskin_ekstrem === 1 && (usia(c.tanggal_lahir, onDate) ?? 99) < 18,
      keterangan: 'Perkiraan dari registri (keterlantaran tidak dicatat); periksa sebelum dilaporkan',
    },
    {
      layanan: 'Rehabilitasi sosial dasar lanjut usia telantar di luar panti',
      kriteria: 'Usia 60 tahun ke atas, keluarga desil 1–4 atau miskin ekstrem',
      test: (c) => (usia(c.tanggal_lahir, onDate) ?? 0) >= 60,
      keterangan: 'Y dari registri; X = menerima bantuan/intervensi dalam periode',
    },
    {
      layanan: 'Rehabilitasi sosial dasar tuna sosial khususnya gelandangan dan pengemis di luar panti',
      kriteria: 'Tidak tercatat di registri',
      test: null,
      keterangan: 'Isi Y dan X dari data penjangkauan dinas',
    },
    {
      layanan: 'Perlindungan dan jaminan sosial pada saat dan setelah tanggap darurat bencana bagi korban bencana kabupaten/kota',
      kriteria: 'Tidak tercatat di registri',
      test: null,
      keterangan: 'Isi Y dan X dari data kebencanaan',
    },
  ];
  return services.map((s, i): SourceRecord => {
    const target = s.test ? res.rows.filter(s.test) : [];
    const x = target.filter((c) => served.has(c.id)).length;
    return {
      no: i + 1,
      layanan: s.layanan,
      kriteria: s.kriteria,
      sasaran: target.length,
      terlayani: x,
      persen: target.length > 0 ? x / target.length : null,
      target: 1,
      keterangan: s.keterangan,
    };
  });
});
