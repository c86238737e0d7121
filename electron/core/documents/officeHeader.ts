import type { Office } from '../../../shared/api/admin';
import type { OfficeHeader } from './types';

/** The kop and signing official of every document, from the office profile. */
export function officeHeader(office: Office): OfficeHeader {
  return {
    pemerintah: office.kopPemerintah,
    namaDinas: office.namaInstansi,
    alamat: [office.alamat, office.kodePos].filter(Boolean).join(' '),
    telepon: office.telepon || undefined,
    email: office.email || undefined,
    website: office.website || undefined,
    kota: office.kota,
    logoDataUrl: office.logo,
    kepalaDinas: { nama: office.kepalaNama, nip: office.kepalaNip, pangkat: office.kepalaPangkat || undefined, jabatan: office.kepalaJabatan },
  };
}
