import { Alert, Button, Checkbox, Group, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { IconCheck, IconClipboardCheck, IconGift, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { dokumenLabels, dokumenPermohonan, pembawaLabels, statusPermohonanLabels, type DokumenPermohonan, type Permohonan } from '../../../shared/api/handovers';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { alamatSingkat } from './PersonPicker';
import { DateField, StatusPermohonanBadge, tgl, today, useMay } from './ui';
import { waktu } from '../common/format';
import { ERROR_INLINE } from '../api/queryErrors';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

export function RequestDetailPage() {
  const id = Number(useParams().id);
  const may = useMay();
  const q = useApiQuery('handovers.getRequest', { id }, { enabled: id > 0, meta: ERROR_INLINE });
  const [dialog, setDialog] = useState<'verify' | 'approve' | 'reject' | 'edit' | null>(null);
  const r = q.data;
  if (q.error) return <Alert color="red">{q.error.message}</Alert>;
  if (!r) return null;
  const open = r.status === 'diajukan' || r.status === 'diverifikasi';
  return (
    <>
      <PageHeader
        title={`Permohonan ${r.program.nama}`}
        description={<>Pemohon <b>{r.pemohon.nama}</b> · diterima {tgl(r.tanggal)} · <StatusPermohonanBadge status={r.status} /></>}
        actions={
          <>
            <Button variant="default" component={Link} to="/bantuan/permohonan">Kembali</Button>
            {open && may('aid.write') && <Button variant="default" onClick={() => setDialog('edit')}>Ubah berkas</Button>}
            {r.status === 'diajukan' && may('aid.write') && (
              <Button leftSection={<IconClipboardCheck size={16} />} onClick={() => setDialog('verify')} data-testid="request-verify">Asesmen selesai</Button>
            )}
            {open && may('aid.approve') && (
              <>
                <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={() => setDialog('reject')} data-testid="request-reject">Tolak</Button>
                <Button color="green" leftSection={<IconCheck size={16} />} disabled={r.status !== 'diverifikasi'} onClick={() => setDialog('approve')} data-testid="request-approve">Setujui</Button>
              </>
            )}
            {r.status === 'disetujui' && !r.penyerahanId && may('aid.write') && (
              <Button leftSection={<IconGift size={16} />} component={Link} to={`/bantuan/serah-terima/baru?program=${r.program.id}&permohonan=${r.id}`} data-testid="request-handover">
                Buat serah terima
              </Button>
            )}
            {r.penyerahanId && <Button variant="light" component={Link} to={`/bantuan/serah-terima/${r.penyerahanId}`}>Lihat serah terima</Button>}
          </>
        }
      />
      {r.status === 'diajukan' && may('aid.approve') && (
        <Alert mb="md" color="blue">Permohonan perlu diasesmen (diverifikasi) oleh petugas sebelum dapat disetujui.</Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Paper withBorder p="md" style={{ gridColumn: 'span 2' }}>
          <Stack gap="sm">
            <Title order={4}>Pemohon</Title>
            <SimpleGrid cols={2}>
              <Field label="Nama">{r.pemohon.nama}</Field>
              <Field label="NIK">{r.pemohon.nik}{r.pemohon.nikMasalah.length > 0 && <Text span c="red" size="xs"> (tidak valid)</Text>}</Field>
              <Field label="Alamat">{alamatSingkat(r.pemohon)}</Field>
              <Field label="Disabilitas">{r.pemohon.disabilitas ?? '—'}</Field>
            </SimpleGrid>
            <Title order={4} mt="sm">Berkas</Title>
            <SimpleGrid cols={2}>
              <Field label="Diantar oleh">{pembawaLabels[r.pembawa]}{r.pembawaNama ? ` — ${r.pembawaNama}` : ''}</Field>
              <Field label="Berkas diterima">{r.dokumen.length ? r.dokumen.map((d) => dokumenLabels[d]).join(', ') : 'Belum ada berkas'}</Field>
              <Field label="Kebutuhan">{r.kebutuhan ?? '—'}</Field>
              <Field label="Asesmen">{r.asesmen ?? 'Belum diasesmen'}</Field>
            </SimpleGrid>
            {dokumenPermohonan.some((d) => !r.dokumen.includes(d)) && open && (
              <Text size="sm" c="orange">Belum lengkap: {dokumenPermohonan.filter((d) => !r.dokumen.includes(d)).map((d) => dokumenLabels[d]).join(', ')}.</Text>
            )}
            <Title order={4} mt="sm">Keputusan</Title>
            {r.status === 'disetujui' || r.status === 'diserahkan' ? (
              <SimpleGrid cols={2}>
                <Field label="SK penetapan">{r.skNomor} tanggal {tgl(r.skTanggal)}</Field>
                <Field label="Diputuskan oleh">{r.diputuskanOleh ?? '—'}</Field>
                <Field label="Tentang">{r.skTentang ?? '—'}</Field>
              </SimpleGrid>
            ) : r.status === 'ditolak' ? (
              <Field label="Ditolak karena">{r.alasanTolak}</Field>
            ) : (
              <Text size="sm" c="dimmed">Belum diputuskan.</Text>
            )}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="sm">Riwayat status</Title>
          <Timeline bulletSize={18} lineWidth={2} active={r.riwayat.length - 1}>
            {r.riwayat.map((h, i) => (
              <Timeline.Item key={i} title={statusPermohonanLabels[h.status as keyof typeof statusPermohonanLabels] ?? h.status}>
                <Text size="xs" c="dimmed">{waktu(h.at)} · {h.username ?? '—'}</Text>
                {h.catatan && <Text size="xs">{h.catatan}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      </SimpleGrid>
      {dialog === 'verify' && <VerifyModal r={r} onClose={() => setDialog(null)} />}
      {dialog === 'approve' && <ApproveModal r={r} onClose={() => setDialog(null)} />}
      {dialog === 'reject' && <RejectModal r={r} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && <EditModal r={r} onClose={() => setDialog(null)} />}
    </>
  );
}

function VerifyModal({ r, onClose }: { r: Permohonan; onClose: () => void }) {
  const [asesmen, setAsesmen] = useState(r.asesmen ?? '');
  const m = useApiMutation('handovers.verifyRequest', { invalidate: ['handovers'], success: 'Asesmen dicatat; permohonan siap diputuskan.' });
  const error = asesmen.trim().length > 0 && asesmen.trim().length < 5 ? 'Tuliskan hasil asesmen (minimal 5 huruf).' : undefined;
  return (
    <Modal opened onClose={onClose} title="Hasil asesmen">
      <Textarea label="Hasil asesmen" description="mis. ukuran/jenis alat, kondisi pemohon, hasil kunjungan rumah" autosize minRows={3} value={asesmen} onChange={(e) => setAsesmen(e.currentTarget.value)} error={error} data-testid="verify-asesmen" data-autofocus />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>Batal</Button>
        <Button disabled={asesmen.trim().length < 5} loading={m.isPending} onClick={() => m.mutate({ id: r.id, asesmen }, { onSuccess: onClose })} data-testid="verify-save">Simpan asesmen</Button>
      </Group>
    </Modal>
  );
}

function ApproveModal({ r, onClose }: { r: Permohonan; onClose: () => void }) {
  const [skNomor, setSkNomor] = useState('');
  const [skTanggal, setSkTanggal] = useState<string | null>(today());
  // What the SK is about, printed as the dasar of the BAST: the usual wording, for the approver to correct.
  const [skTentang, setSkTentang] = useState(`Penetapan Penerima ${r.program.nama} Tahun ${today().slice(0, 4)}`);
  const m = useApiMutation('handovers.decideRequest', { invalidate: ['handovers'], success: 'Permohonan disetujui.' });
  return (
    <Modal opened onClose={onClose} title={`Setujui permohonan ${r.pemohon.nama}`}>
      <Stack>
        <TextInput label="Nomor SK penetapan" withAsterisk placeholder="mis. 460/77/SK-DINSOS/IV/2026" value={skNomor} onChange={(e) => setSkNomor(e.currentTarget.value)} data-testid="approve-sk" data-autofocus />
        <DateField label="Tanggal SK" required value={skTanggal} onChange={setSkTanggal} testId="approve-sk-tanggal" />
        <TextInput label="Tentang" description="Perihal SK; tercetak sebagai dasar pada BAST serah terima." value={skTentang} onChange={(e) => setSkTentang(e.currentTarget.value)} data-testid="approve-sk-tentang" />
        <Text size="sm" c="dimmed">Keputusan tidak dapat dibatalkan; status hanya bergerak maju.</Text>
      </Stack>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>Batal</Button>
        <Button color="green" disabled={skNomor.trim().length < 3 || !skTanggal} loading={m.isPending} onClick={() => m.mutate({ id: r.id, keputusan: 'disetujui', skNomor, skTanggal: skTanggal!, skTentang: skTentang.trim() || null }, { onSuccess: onClose })} data-testid="approve-save">
          Setujui
        </Button>
      </Group>
    </Modal>
  );
}

function RejectModal({ r, onClose }: { r: Permohonan; onClose: () => void }) {
  const [alasan, setAlasan] = useState('');
  const m = useApiMutation('handovers.decideRequest', { invalidate: ['handovers'], success: 'Permohonan ditolak.' });
  return (
    <Modal opened onClose={onClose} title={`Tolak permohonan ${r.pemohon.nama}`}>
      <Textarea label="Alasan penolakan" withAsterisk autosize minRows={3} value={alasan} onChange={(e) => setAlasan(e.currentTarget.value)} data-autofocus />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>Batal</Button>
        <Button color="red" disabled={alasan.trim().length < 5} loading={m.isPending} onClick={() => m.mutate({ id: r.id, keputusan: 'ditolak', alasan }, { onSuccess: onClose })}>Tolak permohonan</Button>
      </Group>
    </Modal>
  );
}

function EditModal({ r, onClose }: { r: Permohonan; onClose: () => void }) {
  const [dokumen, setDokumen] = useState<DokumenPermohonan[]>(r.dokumen);
  const [kebutuhan, setKebutuhan] = useState(r.kebutuhan ?? '');
  const [tanggal, setTanggal] = useState<string | null>(r.tanggal);
  const m = useApiMutation('handovers.updateRequest', { invalidate: ['handovers'], success: 'Berkas permohonan diperbarui.' });
  return (
    <Modal opened onClose={onClose} title="Ubah berkas permohonan" size="lg">
      <Stack>
        <DateField label="Tanggal berkas diterima" required value={tanggal} onChange={setTanggal} />
        <Checkbox.Group label="Berkas yang diterima" value={dokumen} onChange={(v) => setDokumen(v as DokumenPermohonan[])}>
          <Group mt={6}>{dokumenPermohonan.map((d) => <Checkbox key={d} value={d} label={dokumenLabels[d]} />)}</Group>
        </Checkbox.Group>
        <Textarea label="Kebutuhan" autosize minRows={2} value={kebutuhan} onChange={(e) => setKebutuhan(e.currentTarget.value)} />
      </Stack>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>Batal</Button>
        <Button
          disabled={!tanggal}
          loading={m.isPending}
          onClick={() =>
            m.mutate(
              { id: r.id, tanggal: tanggal!, pembawa: r.pembawa, pembawaNama: r.pembawaNama, dokumen, kebutuhan: kebutuhan || null, asesmen: r.asesmen },
              { onSuccess: onClose },
            )
          }
        >
          Simpan
        </Button>
      </Group>
    </Modal>
  );
}
