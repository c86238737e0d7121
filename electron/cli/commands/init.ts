import { rolePermissions } from '../../../shared/api/access';
import { type Office, type OfficeProfileInput, type PaperSize } from '../../../shared/api/admin';
import { defaultNomorPola } from '../../../shared/office/nomor';
import { normalizeRegionCode, stripLevelPrefix } from '../../core/regions/regionIndex';
import { describeTarget } from '../../core/db/dialect';
import { CLI_SESSION, type CliCommand, type CliIo } from '../command';

/** Profile options of `init`, named as a clerk would say them; each maps to one field of the wizard's profile. */
const profileOptions = {
  kabupaten: { type: 'string' },
  provinsi: { type: 'string' },
  kantor: { type: 'string' },
  pemerintah: { type: 'string' },
  alamat: { type: 'string' },
  kota: { type: 'string' },
  'kode-pos': { type: 'string' },
  telepon: { type: 'string' },
  email: { type: 'string' },
  website: { type: 'string' },
  kepala: { type: 'string' },
  nip: { type: 'string' },
  pangkat: { type: 'string' },
  jabatan: { type: 'string' },
  kertas: { type: 'string' },
  'pola-bast': { type: 'string' },
  'pola-undangan': { type: 'string' },
  'pola-notulen': { type: 'string' },
} as const;

/** A blank the head of office signs above by hand, as printed forms leave it, until the name is filled in. */
const BLANK_NAME = '....................................';

type Values = Record<string, string | boolean | undefined>;

function text(values: Values, name: keyof typeof profileOptions): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * The wizard's office profile from the options, with defaults where the region implies one (province, office
 * name, city) and blanks to complete later where nothing can be guessed (address, head of office).
 */
function profileFrom(values: Values, kabKota: { kode: string; nama: string; parentKode: string | null }): { profile: OfficeProfileInput; defaulted: string[] } {
  const defaulted: string[] = [];
  const pick = (name: keyof typeof profileOptions, fallback: string, label?: string) => {
    const v = text(values, name);
    if (v !== undefined) return v;
    if (label) defaulted.push(label);
    return fallback;
  };
  const place = stripLevelPrefix(kabKota.nama);
  return {
    profile: {
      provinsiKode: pick('provinsi', kabKota.parentKode ?? ''),
      kabKotaKode: kabKota.kode,
      namaInstansi: pick('kantor', `Dinas Sosial ${kabKota.nama}`),
      pemerintah: pick('pemerintah', ''),
      alamat: pick('alamat', kabKota.nama, 'alamat (--alamat)'),
      kota: pick('kota', place, `kota tempat surat dibuat (--kota, sekarang "${place}")`),
      kodePos: pick('kode-pos', ''),
      telepon: pick('telepon', ''),
      email: pick('email', ''),
      website: pick('website', ''),
      logo: null,
      kepalaNama: pick('kepala', BLANK_NAME, 'nama kepala dinas (--kepala)'),
      kepalaNip: pick('nip', ''),
      kepalaPangkat: pick('pangkat', ''),
      kepalaJabatan: pick('jabatan', 'Kepala Dinas Sosial'),
      nomorPola: {
        bast: pick('pola-bast', defaultNomorPola.bast),
        undangan: pick('pola-undangan', defaultNomorPola.undangan),
        notulen: pick('pola-notulen', defaultNomorPola.notulen),
      },
      // Checked by the profile schema like every other field ("Pilih ukuran kertas A4 atau F4.").
      kertas: pick('kertas', 'A4').toUpperCase() as PaperSize,
    },
    defaulted,
  };
}

export function printOffice(io: CliIo, office: Office) {
  io.out(`Kantor     : ${office.namaInstansi}`);
  io.out(`Wilayah    : ${office.kabKotaNama}, ${office.provinsiNama} (${office.kabKotaKode})`);
  io.out(`Alamat     : ${office.alamat}, ${office.kota}`);
  io.out(`Kepala     : ${office.kepalaNama}${office.kepalaNip ? ` (NIP ${office.kepalaNip})` : ''}`);
  io.out(`Kertas     : ${office.kertas}`);
}

/** The office as `info` and `init --json` report it (no logo: it is a picture, not a line of text). */
export function officeSummary(office: Office) {
  return {
    namaInstansi: office.namaInstansi,
    provinsiKode: office.provinsiKode,
    provinsiNama: office.provinsiNama,
    kabKotaKode: office.kabKotaKode,
    kabKotaNama: office.kabKotaNama,
    alamat: office.alamat,
    kota: office.kota,
    kepalaNama: office.kepalaNama,
    kepalaNip: office.kepalaNip,
    kertas: office.kertas,
    nomorPola: office.nomorPola,
  };
}

export const initCommand: CliCommand = {
  name: 'init',
  summary:
    'Membuat/memperbarui basis data dan memuat referensi wilayah. Dengan --kabupaten: mengatur profil kantor seperti wizard ' +
    '(--kantor, --alamat, --kota, --kepala, --nip, --pangkat, --jabatan, --kertas A4|F4, --pola-bast/-undangan/-notulen, ' +
    '--kode-pos, --telepon, --email, --website, --pemerintah); akun admin dibuat saat aplikasi pertama kali dibuka.',
  usage: 'init [--db PATH] [--kabupaten KODE --kantor NAMA ...] [--json]',
  options: profileOptions,
  async run({ values }, core, io) {
    const regions = await core.services.regions();
    const result: { db: string; regions: number; office?: ReturnType<typeof officeSummary> } = { db: describeTarget(core.paths.dbPath), regions: regions.size };
    const given = Object.keys(profileOptions).filter((k) => values[k] !== undefined);
    if (given.length > 0) {
      const raw = text(values, 'kabupaten');
      if (!raw) {
        io.err('Profil kantor memerlukan --kabupaten KODE (mis. --kabupaten 62.02 untuk Kabupaten Kotawaringin Timur).');
        return 2;
      }
      const kode = normalizeRegionCode(raw);
      const kabKota = kode ? regions.get(kode) : null;
      if (!kabKota || (kabKota.level !== 'kabupaten' && kabKota.level !== 'kota')) {
        io.err(`Kode kabupaten/kota tidak dikenal: ${raw}. Tulis kode Kemendagri dua tingkat, mis. 62.02 atau 62.71.`);
        return 2;
      }
      const existing = await core.db.selectFrom('office').select('profile_json').executeTakeFirst();
      if (existing) {
        const nama = (JSON.parse(existing.profile_json) as { namaInstansi: string }).namaInstansi;
        io.err(`Profil kantor sudah diatur (${nama}). Ubah di aplikasi: Pengaturan › Kantor.`);
        return 1;
      }
      const { profile, defaulted } = profileFrom(values, kabKota);
      // The same call, schema and region check the wizard and Pengaturan › Kantor use; audited as "cli".
      const { client, call } = core.createClient();
      client.session = { ...CLI_SESSION, permissions: [...rolePermissions.admin] };
      const saved = await call('admin.saveOffice', profile);
      if (!saved.ok) {
        io.err(`Profil kantor tidak disimpan. ${saved.error.message}`);
        return 1;
      }
      const office = saved.value as Office;
      result.office = officeSummary(office);
      if (!io.json) {
        io.out(`Basis data siap: ${result.db}`);
        printOffice(io, office);
        if (defaulted.length > 0) io.out(`Belum diisi, lengkapi di Pengaturan › Kantor sebelum mencetak: ${defaulted.join('; ')}.`);
        io.out('Akun admin dibuat saat aplikasi pertama kali dibuka.');
      }
    } else if (!io.json) {
      io.out(`Basis data siap: ${result.db}\nWilayah dimuat: ${result.regions.toLocaleString('id-ID')}`);
    }
    if (io.json) io.out(JSON.stringify(result));
    return 0;
  },
};
