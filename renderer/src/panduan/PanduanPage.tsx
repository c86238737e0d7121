import { Anchor, Image, Kbd, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../common/PageHeader';
import { shortcuts } from './shortcuts';

/**
 * Screenshots of the guide: written by test/e2e/panduan.e2e.test.ts into docs/bantuan/ on every e2e run, bundled
 * from there at build time, so the pictures show the screens as they are now.
 */
const pictures = import.meta.glob<string>('../../../docs/bantuan/*.png', { eager: true, query: '?url', import: 'default' });
const picture = (name: string) => pictures[`../../../docs/bantuan/${name}.png`];

function Section({ id, title, shot, children }: { id: string; title: string; shot: string; children: ReactNode }) {
  const src = picture(shot);
  return (
    <Paper withBorder p="md" id={id} data-testid={`panduan-${id}`}>
      <Title order={3} mb="xs">
        {title}
      </Title>
      <Stack gap="sm">
        {children}
        {src ? (
          <Image src={src} alt={`Tampilan layar: ${title}`} radius="sm" maw={900} style={{ border: '1px solid var(--mantine-color-gray-3)' }} />
        ) : (
          <Text size="sm" c="dimmed">
            (Gambar layar belum dibuat.)
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Panduan: the user guide in the app (F1), with the keyboard shortcuts. */
export function PanduanPage() {
  return (
    <Stack gap="md" maw={1000}>
      <PageHeader title="Panduan" description="Cara mengerjakan tugas sehari-hari di Dinsos Desk. Tekan F1 di layar mana pun untuk membuka halaman ini." />
      <Section id="impor" title="1. Mengimpor lembar Excel dari operator dan memperbaiki baris yang ditolak" shot="impor">
        <List type="ordered" spacing={4}>
          <List.Item>Buka <Anchor component={Link} to="/impor">Impor</Anchor>, pilih berkas Excel (.xlsx, .xls, .ods atau .csv) kiriman operator desa/kelurahan.</List.Item>
          <List.Item>Periksa pemetaan kolom (NIK, No KK, nama, desa, …). Nama kecamatan/desa yang tidak dikenali dipetakan sekali untuk seluruh lembar.</List.Item>
          <List.Item>Jalankan <b>uji coba</b> dulu: aplikasi menghitung baris yang akan masuk, diperbarui dan ditolak tanpa menyimpan apa pun.</List.Item>
          <List.Item>Unduh <b>baris yang ditolak</b>: berkas Excel yang sama dengan kolom alasan (mis. NIK 15 angka, tanggal lahir tidak cocok dengan NIK). Kirim ke operator untuk diperbaiki, lalu impor lagi berkas perbaikannya; baris yang sudah masuk tidak terduplikasi.</List.Item>
        </List>
      </Section>
      <Section id="serah-terima" title="2. Mencatat serah terima bantuan dan mencetak BAST" shot="serah-terima">
        <List type="ordered" spacing={4}>
          <List.Item>Buka <Anchor component={Link} to="/bantuan">Bantuan &amp; Serah Terima</Anchor> lalu <b>Serah terima baru</b> (pintasan <Kbd>Alt</Kbd>+<Kbd>N</Kbd>).</List.Item>
          <List.Item>Pilih program, tanggal, tempat, kolektif atau perorangan, dan pejabat yang menyerahkan. Simpan (<Kbd>Ctrl</Kbd>+<Kbd>S</Kbd>).</List.Item>
          <List.Item>Tambahkan penerima dengan NIK atau nama; penerima yang sudah menerima program yang sama tahun ini diberi tanda dan perlu alasan.</List.Item>
          <List.Item>Cetak BAST dan daftar tanda terima (<Kbd>Ctrl</Kbd>+<Kbd>P</Kbd>), lalu tandai penerima yang sudah menerima.</List.Item>
        </List>
      </Section>
      <Section id="rapat" title="3. Menyelenggarakan rapat operator" shot="rapat">
        <List type="ordered" spacing={4}>
          <List.Item>Buka <Anchor component={Link} to="/rapat">Rapat Operator</Anchor>, buat rapat (judul, tanggal, jam, tempat, agenda).</List.Item>
          <List.Item>Undang operator per kecamatan, cetak undangan dan daftar hadir.</List.Item>
          <List.Item>Saat rapat, catat kehadiran (hadir, izin, tidak hadir) dan jam datang; setelahnya tulis notulen dan tindak lanjut.</List.Item>
        </List>
      </Section>
      <Section id="ekspor" title="4. Mengekspor templat usulan SIKS-NG" shot="ekspor">
        <List type="ordered" spacing={4}>
          <List.Item>Buka <Anchor component={Link} to="/ekspor">Ekspor &amp; Laporan</Anchor>, pilih templat SIKS-NG dan saring data (kecamatan, desa, desil, program).</List.Item>
          <List.Item>Simpan berkas Excel lalu unggah di aplikasi SIKS-NG. Hasil padan dari SIKS-NG dibaca kembali lewat <b>Impor hasil SIKS-NG</b>.</List.Item>
        </List>
      </Section>
      <Section id="cadangan" title="5. Mencadangkan dan memulihkan data" shot="cadangan">
        <List type="ordered" spacing={4}>
          <List.Item>Buka <Anchor component={Link} to="/pengaturan/cadangan">Pengaturan → Cadangan &amp; Pemulihan</Anchor>. Pilih folder di disk kedua atau flashdisk, aktifkan cadangan harian dan saat menutup aplikasi.</List.Item>
          <List.Item><b>Buat cadangan sekarang</b> menyimpan satu berkas <code>.dsbak</code>. Simpan salinannya di luar komputer ini.</List.Item>
          <List.Item>Untuk memulihkan, pilih berkas <code>.dsbak</code>; aplikasi menampilkan isi dan tanggalnya dulu, dan data yang sekarang disisihkan (tidak dihapus) sebelum diganti.</List.Item>
        </List>
      </Section>
      <Section id="cadangan-hilang" title="6. Jika aplikasi mengatakan cadangan tidak ada atau belum aktif" shot="cadangan-hilang">
        <List spacing={4}>
          <List.Item><b>"Cadangan otomatis belum aktif"</b> di Beranda: folder cadangan belum dipilih. Klik <b>Atur cadangan</b> dan pilih folder di disk kedua atau flashdisk.</List.Item>
          <List.Item><b>Folder cadangan tidak ditemukan</b>: flashdisk mungkin tidak terpasang atau hurufnya berubah (mis. dari E: ke F:). Pasang lagi, atau pilih folder yang benar di Pengaturan → Cadangan.</List.Item>
          <List.Item><b>Basis data tidak ditemukan</b> saat aplikasi dibuka: layar pemulihan meminta berkas cadangan <code>.dsbak</code> terakhir dan akun admin yang ada di dalam cadangan itu. Jangan membuat data baru; hubungi admin aplikasi bila cadangan tidak ada.</List.Item>
        </List>
      </Section>
      <Paper withBorder p="md" id="pintasan" data-testid="panduan-pintasan">
        <Title order={3} mb="xs">
          Pintasan keyboard
        </Title>
        <Table withTableBorder maw={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tombol</Table.Th>
              <Table.Th>Fungsi</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shortcuts.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {s.keys.split('+').map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' + '}
                      <Kbd>{k}</Kbd>
                    </span>
                  ))}
                </Table.Td>
                <Table.Td>{s.label}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
