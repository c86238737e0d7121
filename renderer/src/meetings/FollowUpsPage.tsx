import { Group, Paper, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { FollowUpTable } from './FollowUpsOfMeeting';
import { useMay } from './ui';

type Filter = 'terbuka' | 'terlambat' | 'selesai' | 'semua';

/** Follow-ups of every meeting: the open ones first, overdue ones highlighted. */
export function FollowUpsPage() {
  const may = useMay();
  const [status, setStatus] = useState<Filter>('terbuka');
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const list = useApiQuery('meetings.listFollowUps', { status, q: debouncedQ });
  const overdue = useApiQuery('meetings.listFollowUps', { status: 'terlambat', q: '' });
  const rows = list.data ?? [];
  return (
    <>
      <PageHeader
        title="Tindak lanjut rapat"
        description={overdue.data && overdue.data.length > 0 ? <Text span c="red.8" fw={600}>{overdue.data.length} tindak lanjut melewati batas waktu.</Text> : 'Semua tindak lanjut dari notulen rapat, dengan penanggung jawab dan batas waktunya.'}
      />
      <Group mb="sm" align="flex-end">
        <SegmentedControl value={status} onChange={(v) => setStatus(v as Filter)} data={[{ value: 'terbuka', label: 'Belum selesai' }, { value: 'terlambat', label: 'Terlambat' }, { value: 'selesai', label: 'Selesai' }, { value: 'semua', label: 'Semua' }]} />
        <TextInput placeholder="Cari uraian, penanggung jawab, rapat" leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={320} />
      </Group>
      <Paper withBorder>
        <FollowUpTable rows={rows} editable={may('meetings.write')} showRapat />
      </Paper>
    </>
  );
}
