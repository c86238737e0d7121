import { Alert, Button, Group, Loader, Tabs, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPencil } from '@tabler/icons-react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { jenisRapatLabels } from '../../../shared/api/meetings';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { DocumentsPanel } from './DocumentsPanel';
import { MinutesPanel } from './MinutesPanel';
import { ParticipantsPanel } from './ParticipantsPanel';
import { UndanganPanel } from './UndanganPanel';
import { StatusRapatBadge, tgl, useMay } from './ui';
import { labelZona } from '../common/format';
import { ERROR_INLINE } from '../api/queryErrors';

const sections = [
  { value: 'peserta', label: 'Peserta & kehadiran' },
  { value: 'notulen', label: 'Notulen & tindak lanjut' },
  { value: 'undangan', label: 'Surat undangan' },
  { value: 'dokumen', label: 'Cetak dokumen' },
];

export function MeetingDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const location = useLocation();
  const navigate = useNavigate();
  const may = useMay();
  const meeting = useApiQuery('meetings.getMeeting', { id }, { enabled: Number.isInteger(id) && id > 0, meta: ERROR_INLINE });
  const setStatus = useApiMutation('meetings.setMeetingStatus', { invalidate: ['meetings'], success: 'Status rapat diubah.' });
  const section = sections.find((s) => location.pathname.endsWith(`/${s.value}`))?.value ?? 'peserta';

  if (meeting.isLoading) return <Loader />;
  if (meeting.error || !meeting.data) {
    return <Alert color="red" title="Rapat tidak dapat dibuka">{meeting.error?.message ?? 'Rapat tidak ditemukan.'} <Link to="/rapat">Kembali ke daftar rapat</Link></Alert>;
  }
  const m = meeting.data;
  const editable = may('meetings.write') && m.status !== 'batal';
  const cancel = () =>
    modals.openConfirmModal({
      title: 'Batalkan rapat?',
      children: <Text size="sm">Rapat ditandai dibatalkan; data peserta dan notulen tetap disimpan dan tidak dapat diubah sampai rapat direncanakan kembali.</Text>,
      labels: { confirm: 'Batalkan rapat', cancel: 'Kembali' },
      confirmProps: { color: 'red' },
      onConfirm: () => setStatus.mutate({ id: m.id, status: 'batal' }),
    });
  return (
    <>
      <PageHeader
        title={m.judul}
        description={
          <Group gap="xs" component="span">
            <StatusRapatBadge value={m.status} />
            <span>{jenisRapatLabels[m.jenis]} · {tgl(m.tanggal)}, {m.jamMulai}{m.jamSelesai ? `–${m.jamSelesai}` : ' s.d. selesai'} {labelZona()} · {m.tempat} · Pimpinan: {m.pimpinan.nama}</span>
          </Group>
        }
        actions={
          may('meetings.write') && (
            <>
              {m.status === 'batal' ? (
                <Button variant="light" onClick={() => setStatus.mutate({ id: m.id, status: 'rencana' })}>Rencanakan kembali</Button>
              ) : (
                <>
                  <Button variant="default" leftSection={<IconPencil size={16} />} component={Link} to={`/rapat/${m.id}/ubah`}>Ubah rencana</Button>
                  {m.status === 'rencana' && <Button variant="subtle" color="red" onClick={cancel}>Batalkan rapat</Button>}
                </>
              )}
            </>
          )
        }
      />
      <Tabs value={section} onChange={(v) => navigate(`/rapat/${m.id}/${v ?? 'peserta'}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {sections.map((s) => <Tabs.Tab key={s.value} value={s.value}>{s.label}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="peserta"><ParticipantsPanel meeting={m} editable={editable} /></Tabs.Panel>
        <Tabs.Panel value="notulen"><MinutesPanel meeting={m} editable={editable} /></Tabs.Panel>
        <Tabs.Panel value="undangan"><UndanganPanel meeting={m} editable={editable} onSaved={() => navigate(`/rapat/${m.id}/dokumen`)} /></Tabs.Panel>
        <Tabs.Panel value="dokumen"><DocumentsPanel meeting={m} /></Tabs.Panel>
      </Tabs>
    </>
  );
}
