/**
 * Fills a fresh demo database through the public contract (the same calls the window makes, so every rule of
 * the real features applies): the office as the real one is set up, an admin with the real user's name, then
 * families of the office's own kabupaten (valid NIK and No KK of their kecamatan), a goods and a cash
 * programme, a request, a collective handover, a meeting of desa operators with attendance, and interventions
 * by several OPD.
 */
import { randomBytes } from 'node:crypto';
import type { CallInput, CallName, CallOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import type { Office } from '../../../shared/api/admin';
import { officeProfileSchema } from '../../../shared/api/admin';
import type { RegionIndex } from '../regions';
import { AppError } from '../api/errors';
import { makeFamiliesIn, type FixtureDesa } from './families';

export type DemoCall = (name: unknown, input: unknown) => Promise<ApiResult<unknown>>;

/** How much practice data: enough to page, search and filter, small enough to make in a few seconds. */
export const DEMO_PEOPLE = 120;

/** Desa of the office's kabupaten: two from each of its first eight kecamatan. */
export function demoDesa(regions: RegionIndex, kabKotaKode: string): FixtureDesa[] {
  const out: FixtureDesa[] = [];
  for (const kecamatan of regions.children(kabKotaKode).filter((r) => r.level === 'kecamatan').slice(0, 8)) {
    for (const desa of regions.children(kecamatan.kode).slice(0, 2)) out.push({ kode: desa.kode, nama: desa.nama, kecamatanKode: kecamatan.kode, kecamatanNama: kecamatan.nama });
  }
  return out;
}

export async function fillDemo(target: { call: DemoCall; regions: RegionIndex; office: Office; admin: { nama: string; username: string }; today: string }): Promise<void> {
  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const result = await target.call(name, input);
    if (!result.ok) throw new AppError('DEMO_FAILED', `Data latihan tidak dapat dibuat (${name}): ${result.error.message}`);
    return result.value as CallOutput<N>;
  };
  const { office, today } = target;
  const year = Number(today.slice(0, 4));
  // The admin's password is replaced by the real account's afterwards: the same sign-in works in both.
  await call('admin.completeSetup', { office: officeProfileSchema.parse(office), admin: { ...target.admin, password: randomBytes(18).toString('base64url') } });

  const desaList = demoDesa(target.regions, office.kabKotaKode);
  if (desaList.length === 0) throw new AppError('DEMO_FAILED', `Data wilayah ${office.kabKotaNama} tidak ditemukan.`);
  const heads: { anggotaId: number; nik: string }[] = [];
  const people: { anggotaId: number; nik: string }[] = [];
  for (const keluarga of makeFamiliesIn(desaList, DEMO_PEOPLE, 17, 0, year)) {
    let keluargaId = 0;
    for (const a of keluarga.anggota) {
      const added = await call('handovers.addPerson', {
        noKk: keluarga.noKk,
        nik: a.nik,
        nama: a.nama,
        jenisKelamin: a.jenisKelamin,
        tempatLahir: a.tempatLahir,
        tanggalLahir: a.tanggalLahir,
        hubungan: a.hubungan === 'Istri' ? 'Istri/Suami' : a.hubungan,
        alamat: keluarga.alamat,
        rt: keluarga.rt.padStart(3, '0'),
        rw: keluarga.rw.padStart(3, '0'),
        desaKode: keluarga.desa.kode,
      });
      keluargaId = added.keluargaId;
      people.push({ anggotaId: added.anggotaId, nik: a.nik });
      if (a.hubungan === 'Kepala Keluarga') heads.push({ anggotaId: added.anggotaId, nik: a.nik });
    }
    // The welfare decile (desil) the registry's filters and Beranda count by; desil 1 = extreme poverty.
    await call('registry.updateKeluarga', {
      id: keluargaId,
      keluarga: { noKk: keluarga.noKk, alamat: keluarga.alamat, dusun: keluarga.dusun, rt: keluarga.rt.padStart(3, '0'), rw: keluarga.rw.padStart(3, '0'), desaKode: keluarga.desa.kode, desil: keluarga.desil, miskinEkstrem: keluarga.desil === 1 },
    });
  }

  const sembako = await call('programs.create', { nama: 'Paket Sembako Latihan', jenis: 'barang', satuan: 'paket', nilaiSatuan: 250_000, sumberDana: 'apbd_kab', opd: 'Dinas Sosial', tahun: year, kategori: 'bansos' });
  const tunai = await call('programs.create', { nama: 'Bantuan Tunai Lansia Latihan', jenis: 'uang', satuan: 'orang', nilaiSatuan: 600_000, sumberDana: 'apbd_kab', opd: 'Dinas Sosial', tahun: year, kategori: 'bansos' });
  await call('handovers.createRequest', { programId: tunai.id, anggotaId: heads[heads.length - 1]!.anggotaId, tanggal: today, pembawa: 'tksk', pembawaNama: 'Rahmat (TKSK)', kebutuhan: 'Lansia tinggal sendiri, tidak bekerja.' });
  const handover = await call('handovers.create', {
    programId: sembako.id,
    tanggal: today,
    tempat: 'Aula Kantor Dinas Sosial',
    mode: 'kolektif',
    kelompok: 'Keluarga penerima sembako',
    pertamaNama: office.kepalaNama,
    pertamaNip: office.kepalaNip,
    pertamaJabatan: office.kepalaJabatan,
  });
  await call('handovers.addRecipients', { penyerahanId: handover.id, anggotaIds: heads.slice(0, 10).map((h) => h.anggotaId) });

  for (const [i, desa] of desaList.slice(0, 4).entries()) {
    await call('meetings.saveOperator', { nama: `Operator Latihan ${desa.nama}`, noHp: `08125000${String(1000 + i)}`, desaKode: desa.kode, jabatan: 'Operator DTKS' });
  }
  const meeting = await call('meetings.saveMeeting', {
    judul: 'Rapat Operator DTKS (latihan)',
    jenis: 'operator_dtks',
    tanggal: today,
    jamMulai: '09:00',
    tempat: 'Aula Kantor Dinas Sosial',
    pimpinan: { nama: office.kepalaNama, jabatan: office.kepalaJabatan, nip: office.kepalaNip },
    agenda: [{ judul: 'Pemutakhiran data DTSEN' }, { judul: 'Usulan bantuan sosial' }],
  });
  await call('meetings.inviteOperators', { rapatId: meeting.id });
  const invited = await call('meetings.getMeeting', { id: meeting.id });
  for (const [i, peserta] of invited.peserta.entries()) {
    await call('meetings.setAttendance', { pesertaId: peserta.id, kehadiran: i === invited.peserta.length - 1 ? 'izin' : 'hadir', jamDatang: i === invited.peserta.length - 1 ? '' : '08:5' + String(i % 10) });
  }

  const opds = (await call('interventions.opdList', undefined)).filter((o) => o.jenis.length > 0).slice(0, 3);
  for (const [i, person] of people.slice(0, 12).entries()) {
    const opd = opds[i % opds.length]!;
    await call('interventions.create', { nik: person.nik, opd: opd.nama, jenis: opd.jenis[0]!.nama, tanggal: today, nilai: 500_000 * (1 + (i % 3)) });
  }
}
