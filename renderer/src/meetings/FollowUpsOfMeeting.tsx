import { ActionIcon, Button, Group, Paper, Select, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { statusTindakLanjut, statusTindakLanjutLabels, type FollowUp, type MeetingDetail, type StatusTindakLanjut } from '../../../shared/api/meetings';
import { useApiMutation } from '../api/hooks';
import { FollowUpFormModal } from './FollowUpFormModal';
import { WorkbookReturns } from '../workbooks';
import { StatusTindakLanjutBadge, tgl, useMay } from './ui';

export function FollowUpTable({ rows, editable, showRapat, onEdit }: { rows: FollowUp[]; editable: boolean; showRapat?: boolean; onEdit?: (f: FollowUp) => void }) {
  const setStatus = useApiMutation('meetings.setFollowUpStatus', { invalidate: ['meetings'] });
  return (
    <Table striped data-testid="followup-table">
      <Table.Thead>
        <Table.Tr>
          {showRapat && <Table.Th>Rapat</Table.Th>}
          <Table.Th>Tindak lanjut</Table.Th><Table.Th>Penanggung jawab</Table.Th><Table.Th>Batas waktu</Table.Th><Table.Th>Status</Table.Th>{editable && <Table.Th w={170}>Ubah status</Table.Th>}{onEdit && <Table.Th w={40} />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((t) => (
          <Table.Tr key={t.id} bg={t.terlambat ? 'red.0' : undefined} data-testid={`followup-${t.id}`} data-terlambat={t.terlambat ? 'ya' : 'tidak'}>
            {showRapat && <Table.Td><Text size="sm">{t.rapatJudul}</Text><Text size="xs" c="dimmed">{tgl(t.rapatTanggal)}</Text></Table.Td>}
            <Table.Td><Text size="sm">{t.uraian}</Text>{t.agendaJudul && <Text size="xs" c="dimmed">Agenda: {t.agendaJudul}</Text>}</Table.Td>
            <Table.Td><Text size="sm">{t.pjNama}</Text>{t.pjDesaNama && <Text size="xs" c="dimmed">{t.pjDesaNama}</Text>}</Table.Td>
            <Table.Td><Text size="sm" c={t.terlambat ? 'red.8' : undefined} fw={t.terlambat ? 600 : undefined}>{tgl(t.batasWaktu)}</Text></Table.Td>
            <Table.Td><StatusTindakLanjutBadge value={t.status} terlambat={t.terlambat} />{t.selesaiTanggal && <Text size="xs" c="dimmed">{tgl(t.selesaiTanggal)}</Text>}</Table.Td>
            {editable && (
              <Table.Td>
                <Select size="xs" aria-label={`Status ${t.uraian}`} data={statusTindakLanjut.map((s) => ({ value: s, label: statusTindakLanjutLabels[s] }))} value={t.status} allowDeselect={false} onChange={(v) => v && v !== t.status && setStatus.mutate({ id: t.id, status: v as StatusTindakLanjut })} />
              </Table.Td>
            )}
            {onEdit && <Table.Td><ActionIcon variant="subtle" aria-label={`Ubah ${t.uraian}`} onClick={() => onEdit(t)}><IconPencil size={16} /></ActionIcon></Table.Td>}
          </Table.Tr>
        ))}
        {rows.length === 0 && (
          <Table.Tr><Table.Td colSpan={7}><Text c="dimmed" ta="center" py="sm">Belum ada tindak lanjut.</Text></Table.Td></Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

export function FollowUpsOfMeeting({ meeting, editable }: { meeting: MeetingDetail; editable: boolean }) {
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<FollowUp | null>(null);
  const may = useMay();
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={5}>Tindak lanjut</Title>
        {editable && <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => { setEditing(null); setOpen(true); }}>Tambah tindak lanjut</Button>}
      </Group>
      <FollowUpTable rows={meeting.tindakLanjut} editable={editable} onEdit={editable ? (f) => { setEditing(f); setOpen(true); } : undefined} />
      <FollowUpFormModal opened={open} onClose={() => setOpen(false)} rapatId={meeting.id} agenda={meeting.agenda} followUp={editing} />
      {may('imports.run') && (
        <>
          <Title order={6} mt="lg" mb="xs">Lembar kerja operator desa</Title>
          <WorkbookReturns desa={meetingDesa(meeting)} />
        </>
      )}
    </Paper>
  );
}

/** The meeting's desa: those of its invited or present operators and participants, and of follow-ups' responsible desa. */
function meetingDesa(m: MeetingDetail): string[] {
  const kodes = [...m.peserta.map((p) => p.desaKode), ...m.tindakLanjut.map((t) => t.pjDesaKode)].filter((k): k is string => !!k);
  return [...new Set(kodes)].sort();
}
