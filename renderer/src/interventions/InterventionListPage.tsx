import { ActionIcon, Badge, Button, Group, Pagination, Paper, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { IconFileImport, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { formatRupiah } from '../../../shared/domain/rupiah';
import { formatTanggal } from '../../../shared/domain/tanggal';
import type { IntervensiRow } from '../../../shared/api/interventions';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { KecamatanSelect } from '../common/KecamatanSelect';
import { useMay } from '../common/useMay';
import { DataTable, type DataColumn } from '../components/DataTable';
import { AddInterventionModal } from './AddInterventionModal';
import { ImportListModal } from './ImportListModal';
import { useUndoToast } from './useUndoToast';

const PAGE = 50;
const sumberLabel = { penyerahan: 'Serah terima', impor: 'Impor OPD', manual: 'Manual' } as const;

export function InterventionListPage() {
  const may = useMay();
  const [kecamatan, setKecamatan] = useState<string | null>(null);
  const [opd, setOpd] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<IntervensiRow | null>(null);
  const remove = useApiMutation('interventions.remove', { invalidate: ['interventions', 'dashboard'] });
  const undoToast = useUndoToast();
  const writer = may('interventions.write');
  const options = useApiQuery('interventions.options', undefined);
  const list = useApiQuery('interventions.list', {
    ...(kecamatan ? { kecamatan } : {}),
    ...(opd ? { opd } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const rows = list.data?.rows ?? [];
  const columns: DataColumn<IntervensiRow>[] = [
    { id: 'tanggal', header: 'Tanggal', cell: (r) => formatTanggal(r.tanggal) },
    { id: 'nama', header: 'Nama', hideable: false, cell: (r) => r.nama ?? '—' },
    { id: 'nik', header: 'NIK', cell: (r) => <Text span ff="monospace" size="sm">{r.nik ?? '—'}</Text> },
    { id: 'desa', header: 'Desa/Kel.', cell: (r) => `${r.desa ?? '—'}${r.kecamatan ? `, ${r.kecamatan}` : ''}` },
    { id: 'opd', header: 'OPD', cell: (r) => r.opd },
    { id: 'jenis', header: 'Jenis', cell: (r) => r.jenis },
    { id: 'nilai', header: 'Nilai', align: 'right', cell: (r) => (r.nilai ? formatRupiah(r.nilai) : '—') },
    { id: 'sumber', header: 'Sumber', cell: (r) => <Badge variant="light" color={r.sumber === 'penyerahan' ? 'teal' : 'gray'}>{sumberLabel[r.sumber]}</Badge> },
    ...(writer
      ? [
          {
            id: 'aksi',
            header: '',
            width: 70,
            hideable: false,
            cell: (r: IntervensiRow) =>
              r.sumber === 'manual' && (
                <Group gap={2} wrap="nowrap">
                  <Tooltip label="Ubah"><ActionIcon variant="subtle" aria-label={`Ubah intervensi ${r.nama ?? ''}`} onClick={() => setEditing(r)}><IconPencil size={15} /></ActionIcon></Tooltip>
                  <Tooltip label="Hapus">
                    <ActionIcon variant="subtle" color="red" aria-label={`Hapus intervensi ${r.nama ?? ''}`} onClick={() => remove.mutate({ id: r.id }, { onSuccess: (out) => undoToast(`Intervensi ${r.jenis} untuk ${r.nama ?? 'penerima'} dihapus.`, out.auditId) })}>
                      <IconTrash size={15} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group>
          <KecamatanSelect value={kecamatan} onChange={(v) => (setKecamatan(v), setPage(1))} w={200} />
          <Select placeholder="Semua OPD" data={options.data?.opd ?? []} value={opd} onChange={(v) => (setOpd(v), setPage(1))} clearable searchable w={220} />
          <TextInput placeholder="Cari nama atau NIK" value={q} onChange={(e) => (setQ(e.currentTarget.value), setPage(1))} w={220} />
        </Group>
        {may('interventions.write') && (
          <Group>
            <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setImporting(true)}>Impor daftar OPD</Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>Catat intervensi</Button>
          </Group>
        )}
      </Group>
      <Paper withBorder>
        {rows.length === 0 ? (
          <Text c="dimmed" p="lg" ta="center">
            Belum ada intervensi yang cocok. Serah terima yang diterima tercatat otomatis; daftar dari OPD lain bisa diimpor.
          </Text>
        ) : (
          // One page of the list at a time (the core pages it): the headers do not sort, which would order this page only.
          <DataTable query={{ data: rows, isLoading: false }} columns={columns} verticalSpacing={4} tableId="intervensi" data-testid="tabel-intervensi" />
        )}
      </Paper>
      {(list.data?.total ?? 0) > PAGE && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed">{list.data!.total.toLocaleString('id-ID')} intervensi</Text>
          <Pagination total={Math.ceil(list.data!.total / PAGE)} value={page} onChange={setPage} />
        </Group>
      )}
      <AddInterventionModal opened={adding} onClose={() => setAdding(false)} />
      <AddInterventionModal opened={!!editing} editing={editing} onClose={() => setEditing(null)} />
      <ImportListModal opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
