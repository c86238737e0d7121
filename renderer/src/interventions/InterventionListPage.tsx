import { ActionIcon, Badge, Button, Group, Pagination, Paper, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconFileImport, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { formatRupiah } from '../../../shared/domain/rupiah';
import { formatTanggal } from '../../../shared/domain/tanggal';
import type { IntervensiRow } from '../../../shared/api/interventions';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { KecamatanSelect } from '../common/KecamatanSelect';
import { useMay } from '../common/useMay';
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
          <Table striped highlightOnHover verticalSpacing={4} data-testid="tabel-intervensi">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tanggal</Table.Th>
                <Table.Th>Nama</Table.Th>
                <Table.Th>NIK</Table.Th>
                <Table.Th>Desa/Kel.</Table.Th>
                <Table.Th>OPD</Table.Th>
                <Table.Th>Jenis</Table.Th>
                <Table.Th className="num">Nilai</Table.Th>
                <Table.Th>Sumber</Table.Th>
                {writer && <Table.Th w={70} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatTanggal(r.tanggal)}</Table.Td>
                  <Table.Td>{r.nama ?? '—'}</Table.Td>
                  <Table.Td ff="monospace">{r.nik ?? '—'}</Table.Td>
                  <Table.Td>{r.desa ?? '—'}{r.kecamatan ? `, ${r.kecamatan}` : ''}</Table.Td>
                  <Table.Td>{r.opd}</Table.Td>
                  <Table.Td>{r.jenis}</Table.Td>
                  <Table.Td className="num">{r.nilai ? formatRupiah(r.nilai) : '—'}</Table.Td>
                  <Table.Td><Badge variant="light" color={r.sumber === 'penyerahan' ? 'teal' : 'gray'}>{sumberLabel[r.sumber]}</Badge></Table.Td>
                  {writer && (
                    <Table.Td>
                      {r.sumber === 'manual' && (
                        <Group gap={2} wrap="nowrap">
                          <Tooltip label="Ubah"><ActionIcon variant="subtle" aria-label={`Ubah intervensi ${r.nama ?? ''}`} onClick={() => setEditing(r)}><IconPencil size={15} /></ActionIcon></Tooltip>
                          <Tooltip label="Hapus">
                            <ActionIcon variant="subtle" color="red" aria-label={`Hapus intervensi ${r.nama ?? ''}`} onClick={() => remove.mutate({ id: r.id }, { onSuccess: (out) => undoToast(`Intervensi ${r.jenis} untuk ${r.nama ?? 'penerima'} dihapus.`, out.auditId) })}>
                              <IconTrash size={15} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
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
