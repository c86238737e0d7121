import type { OfficeProfileInput } from '../../../shared/api/admin';
import { defaultNomorPola } from '../../../shared/office/nomor';

export const emptyOffice: OfficeProfileInput = {
  provinsiKode: '',
  kabKotaKode: '',
  namaInstansi: 'Dinas Sosial',
  pemerintah: '',
  alamat: '',
  kota: '',
  kodePos: '',
  telepon: '',
  email: '',
  website: '',
  logo: null,
  kepalaNama: '',
  kepalaNip: '',
  kepalaPangkat: '',
  kepalaJabatan: 'Kepala Dinas Sosial',
  nomorPola: { ...defaultNomorPola },
  kertas: 'A4',
};
