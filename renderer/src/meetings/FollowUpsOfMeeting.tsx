import { ActionIcon, Button, Group, Paper, Select, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { statusTindakLanjut, statusTindakLanjutLabels, type FollowUp, type MeetingDetail, type StatusTindakLanjut } from '../../../shared/api/meetings';
import { useApiMutation } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';
import { FollowUpFormModal } from './FollowUpFormModal';
import { WorkbookReturns } from '../workbooks';
import { StatusTindakLanjutBadge, tgl, useMay } from './ui';

export function FollowUpTable({ rows, editable, showRapat, onEdit }: { rows: FollowUp[]; editable: boolean; showRapat?: boolean; onEdit?: (f: FollowUp) => void }) {
  const setStatus = useApiMutation('meetings.setFollowUpStatus', { invalidate: ['meetings'] });
  const columns: DataColumn<FollowUp>[] = [
    ...(showRapat
      ? [{ id: 'rapat', header: 'Rapat', sortValue: (t: FollowUp) => t.rapatTanggal, cell: (t: FollowUp) => <><Text size="sm">{t.rapatJudul}</Text><Text size="xs" c="dimmed">{tgl(t.rapatTanggal)}</Text></> }]
      : []),
    { id: 'uraian', header: 'Tindak lanjut', hideable: false, sortValue: (t) => t.uraian, cell: (t) => <><Text size="sm">{t.uraian}</Text>{t.agendaJudul && <Text size="xs" c="dimmed">Agenda: {t.agendaJudul}</Text>}</> },
    { id: 'pj', header: 'Penanggung jawab', sortValue: (t) => t.pjNama, cell: (t) => <><Text size="sm">{t.pjNama}</Text>{t.pjDesaNama && <Text size="xs" c="dimmed">{t.pjDesaNama}</Text>}</> },
    { id: 'batas', header: 'Batas waktu', sortValue: (t) => t.batasWaktu, cell: (t) => <Text size="sm" c={t.terlambat ? 'red.8' : undefined} fw={t.terlambat ? 600 : undefined}>{tgl(t.batasWaktu)}</Text> },
    { id: 'status', header: 'Status', sortValue: (t) => statusTindakLanjutLabels[t.status], cell: (t) => <><StatusTindakLanjutBadge value={t.status} terlambat={t.terlambat} />{t.selesaiTanggal && <Text size="xs" c="dimmed">{tgl(t.selesaiTanggal)}</Text>}</> },
    ...(editable
      ? [
          {
            id: 'ubahStatus',
            header: 'Ubah status',
            width: 170,
            hideable: false,
            cell: (t: FollowUp) => (
              <Select size="xs" aria-label={`Status ${t.uraian}`} data={statusTindakLanjut.map((s) => ({ value: s, label: statusTindakLanjutLabels[s] }))} value={t.status} allowDeselect={false} onChange={(v) => v && v !== t.status && setStatus.mutate({ id: t.id, status: v as StatusTindakLanjut })} />
            ),
          },
        ]
      : []),
    ...(onEdit ? [{ id: 'ubah', header: '', width: 40, hideable: false, cell: (t: FollowUp) => <ActionIcon variant="subtle" aria-label={`Ubah ${t.uraian}`} onClick={() => onEdit(t)}><IconPencil size={16} /></ActionIcon> }] : []),
  ];
  return (
    <DataTable
      query={{ data: rows, isLoading: false }}
      columns={columns}
      verticalSpacing={7}
      tableId={showRapat ? 'tindak-lanjut' : 'tindak-lanjut-rapat'}
      empty="Belum ada tindak lanjut."
      rowProps={(t) => ({ 'data-testid': `followup-${t.id}`, 'data-terlambat': t.terlambat ? 'ya' : 'tidak', style: t.terlambat ? { background: 'var(--mantine-color-red-0)' } : undefined })}
      data-testid="followup-table"
    />
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
