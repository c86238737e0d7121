import { Accordion, ActionIcon, Alert, Badge, Button, Group, Loader, Paper, SegmentedControl, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconPencil, IconPlus, IconSearch, IconUpload, IconUsersGroup } from '@tabler/icons-react';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import type { OperatorImportResult, OperatorRow } from '../../../shared/api/meetings';
import { saveFile } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { ImportOperatorsModal } from './ImportOperatorsModal';
import { OperatorFormModal } from './OperatorFormModal';
import { KecamatanSelect, tgl, useMay } from './ui';

export function OperatorsPage() {
  const may = useMay();
  const [view, setView] = useState<'daftar' | 'cakupan'>('daftar');
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [kecamatanKode, setKecamatan] = useState<string | null>(null);
  const [aktif, setAktif] = useState<'aktif' | 'nonaktif' | 'semua'>('aktif');
  const [editing, setEditing] = useState<OperatorRow | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const filter = { q: debouncedQ, kecamatanKode, aktif };
  const list = useApiQuery('meetings.listOperators', filter);
  const columns: DataColumn<OperatorRow>[] = [
    { id: 'nama', header: 'Nama', sortValue: (o) => o.nama, cell: (o) => <><Text size="sm" fw={500}>{o.nama}</Text><Text size="xs" c="dimmed">{o.nik ? `NIK ${o.nik}` : 'NIK belum diisi'} · {o.jabatan}</Text></> },
    { id: 'desa', header: 'Desa/Kelurahan', sortValue: (o) => o.desaNama, cell: (o) => o.desaNama },
    { id: 'kecamatan', header: 'Kecamatan', sortValue: (o) => o.kecamatanNama, cell: (o) => o.kecamatanNama },
    { id: 'noHp', header: 'No. HP/WA', cell: (o) => o.noHp ?? <Text span c="dimmed" size="sm">—</Text> },
    { id: 'sk', header: 'SK', sortValue: (o) => o.skTanggal, cell: (o) => <><Text size="sm">{o.skNomor ?? '—'}</Text>{o.skTanggal && <Text size="xs" c="dimmed">{tgl(o.skTanggal)}</Text>}</> },
    { id: 'status', header: 'Status', sortValue: (o) => (o.aktif ? 0 : 1), cell: (o) => (o.aktif ? <Badge variant="light" color="green">Aktif</Badge> : <Badge variant="light" color="gray">Tidak aktif</Badge>) },
    {
      id: 'ubah',
      header: '',
      width: 50,
      cell: (o) => may('meetings.write') && <Tooltip label="Ubah"><ActionIcon variant="subtle" aria-label={`Ubah ${o.nama}`} onClick={() => open(o)}><IconPencil size={16} /></ActionIcon></Tooltip>,
    },
  ];
  const exportFile = useApiMutation('meetings.exportOperators');
  const [lastImport, setLastImport] = useState<OperatorImportResult | null>(null);
  const undo = useApiMutation('meetings.undoOperatorImport', {
    invalidate: ['meetings'],
    success: (r) => `Impor dibatalkan: ${r.dihapus} operator dihapus, ${r.dipulihkan} dikembalikan ke data sebelumnya.`,
  });
  const confirmUndo = (r: OperatorImportResult) =>
    modals.openConfirmModal({
      title: 'Batalkan impor?',
      children: <Text size="sm">{r.baru} operator yang ditambahkan dari "{r.fileName}" dihapus, dan {r.diperbarui} operator yang diperbarui dikembalikan ke data sebelum impor.</Text>,
      labels: { confirm: 'Batalkan impor', cancel: 'Kembali' },
      confirmProps: { color: 'red' },
      onConfirm: () => undo.mutate({ batch: r.batch! }, { onSuccess: () => setLastImport(null) }),
    });

  const open = (o: OperatorRow | null) => {
    setEditing(o);
    setFormOpen(true);
  };
  const doExport = () => exportFile.mutate(filter, { onSuccess: (ref) => void saveFile(ref) });
  const rows = list.data ?? [];
  const nothingAtAll = !list.isLoading && rows.length === 0 && !debouncedQ && !kecamatanKode && aktif !== 'nonaktif';

  return (
    <>
      <PageHeader
        title="Operator DTKS desa/kelurahan"
        description="Operator yang berhenti ditandai tidak aktif, tidak dihapus."
        actions={
          <>
            {may('meetings.write') && <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => setImportOpen(true)}>Impor Excel</Button>}
            {may('exports.run') && <Button variant="default" leftSection={<IconDownload size={16} />} onClick={doExport} loading={exportFile.isPending} disabled={rows.length === 0}>Ekspor Excel</Button>}
            {may('meetings.write') && <Button leftSection={<IconPlus size={16} />} onClick={() => open(null)}>Tambah operator</Button>}
          </>
        }
      />
      {lastImport?.batch && (
        <Alert color="teal" mb="sm" withCloseButton onClose={() => setLastImport(null)} data-testid="last-import">
          <Group justify="space-between">
            <Text size="sm">Impor "{lastImport.fileName}": {lastImport.baru} operator baru, {lastImport.diperbarui} diperbarui.</Text>
            <Button size="xs" variant="light" color="red" onClick={() => confirmUndo(lastImport)} loading={undo.isPending}>Batalkan impor</Button>
          </Group>
        </Alert>
      )}
      <SegmentedControl
        mb="sm"
        value={view}
        onChange={(v) => setView(v as 'daftar' | 'cakupan')}
        data={[{ value: 'daftar', label: 'Daftar operator' }, { value: 'cakupan', label: 'Desa tanpa operator aktif' }]}
      />
      {view === 'cakupan' ? (
        <CoverageView />
      ) : (
        <>
          <Group mb="sm" align="flex-end">
            <TextInput label="Cari" placeholder="Nama, NIK, No. HP, atau desa" leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={300} />
            <KecamatanSelect label="Kecamatan" value={kecamatanKode} onChange={setKecamatan} w={240} />
            <SegmentedControl value={aktif} onChange={(v) => setAktif(v as typeof aktif)} data={[{ value: 'aktif', label: 'Aktif' }, { value: 'nonaktif', label: 'Tidak aktif' }, { value: 'semua', label: 'Semua' }]} />
            <Text size="sm" c="dimmed">{rows.length} operator</Text>
          </Group>
          {nothingAtAll ? (
            <EmptyState icon={<IconUsersGroup size={30} />} title="Belum ada operator">
              Tambahkan operator satu per satu, atau impor daftar operator dari Excel (kolom Nama, NIK, Kecamatan, Desa/Kelurahan, No. HP).
            </EmptyState>
          ) : (
            <Paper withBorder>
              <DataTable query={list} columns={columns} maxHeight="calc(100vh - 330px)" empty="Tidak ada operator yang cocok dengan penyaringan ini." data-testid="operator-table" />
            </Paper>
          )}
        </>
      )}
      <OperatorFormModal opened={formOpen} operator={editing} onClose={() => setFormOpen(false)} />
      <ImportOperatorsModal opened={importOpen} onClose={() => setImportOpen(false)} onImported={setLastImport} />
    </>
  );
}

function CoverageView() {
  const cov = useApiQuery('meetings.coverage', undefined);
  if (!cov.data) return <Loader />;
  const data = cov.data;
  const total = data.reduce((n, k) => n + k.desa.length, 0);
  const tanpa = data.reduce((n, k) => n + k.tanpaOperator, 0);
  return (
    <Paper withBorder p="md">
      <Text mb="sm" data-testid="coverage-summary">
        {tanpa} dari {total} desa/kelurahan belum memiliki operator aktif.
      </Text>
      <Accordion multiple variant="separated">
        {data.map((k) => (
          <Accordion.Item key={k.kode} value={k.kode}>
            <Accordion.Control>
              <Group justify="space-between" pr="md">
                <Text fw={500}>Kec. {k.nama}</Text>
                <Badge color={k.tanpaOperator === 0 ? 'green' : 'red'} variant="light">
                  {k.tanpaOperator === 0 ? 'Semua desa ada operator' : `${k.tanpaOperator} dari ${k.desa.length} desa tanpa operator`}
                </Badge>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Text size="sm">
                {k.desa.filter((d) => d.operatorAktif === 0).map((d) => d.nama).join(', ') || 'Semua desa/kelurahan sudah memiliki operator aktif.'}
              </Text>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Paper>
  );
}
