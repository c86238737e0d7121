import { ActionIcon, Alert, Badge, Button, Group, Menu, Paper, SimpleGrid, Text, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconCheck, IconDots, IconFileText, IconListDetails, IconPencil, IconPlus, IconPrinter, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DocumentKind, PenerimaRow } from '../../../shared/api/handovers';
import { sumberDanaLabels } from '../../../shared/api/programs';
import { formatAngka } from '../../../shared/domain/rupiah';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { DataTable, type DataColumn } from '../components/DataTable';
import { DocumentModal } from './DocumentModal';
import { Photos } from './Photos';
import { alamatSingkat } from './PersonPicker';
import { AddRecipientsModal, ItemsModal, ReceiptModal } from './RecipientModals';
import { rupiah, StatusPenerimaBadge, tgl, useMay } from './ui';
import { ERROR_INLINE } from '../api/queryErrors';

type Dialog =
  | { kind: 'add' }
  | { kind: 'items'; penerima: PenerimaRow | null }
  | { kind: 'receipt'; penerima: PenerimaRow; status: 'diterima' | 'batal' }
  | { kind: 'doc'; doc: DocumentKind; penerimaId: number | null };

export function HandoverDetailPage() {
  const id = Number(useParams().id);
  const may = useMay();
  const q = useApiQuery('handovers.get', { id }, { enabled: id > 0, meta: ERROR_INLINE });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const remove = useApiMutation('handovers.removeRecipient', { invalidate: ['handovers'], success: 'Penerima dihapus dari daftar.' });
  const receipt = useApiMutation('handovers.setReceipt', { invalidate: ['handovers'] });
  const receiveAll = useApiMutation('handovers.receiveAll', { invalidate: ['handovers'], success: (x) => `${x.jumlahDiterima} dari ${x.jumlahPenerima} penerima sudah menerima.` });
  const d = q.data;
  if (q.error) return <Alert color="red">{q.error.message}</Alert>;
  if (!d) return null;
  const canEdit = may('aid.write');
  const canPrint = may('documents.print');
  const belum = d.penerima.filter((p) => p.status === 'belum');
  const columns: DataColumn<PenerimaRow>[] = [
    { id: 'no', header: 'No', width: 40, hideable: false, cell: (_p, i) => i + 1 },
    {
      id: 'nama',
      header: 'Nama / NIK',
      hideable: false,
      sortValue: (p) => p.orang.nama,
      cell: (p) => (
        <>
          <Text size="sm" fw={500}>{p.orang.nama}</Text>
          <Text size="xs" c={p.orang.nikMasalah.length ? 'red' : 'dimmed'} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {p.orang.nik}{p.orang.nikMasalah.length ? ' — NIK tidak valid' : ''}
          </Text>
          {p.alasanGanda && <Tooltip label={p.alasanGanda} multiline w={280}><Badge size="xs" color="orange" variant="light">ganda, dikonfirmasi</Badge></Tooltip>}
          {p.permohonanId && <Badge size="xs" variant="light" ml={4} component={Link} to={`/bantuan/permohonan/${p.permohonanId}`} style={{ cursor: 'pointer' }}>permohonan</Badge>}
        </>
      ),
    },
    { id: 'alamat', header: 'Alamat', sortValue: (p) => alamatSingkat(p.orang), cell: (p) => <Text size="xs">{alamatSingkat(p.orang)}</Text> },
    { id: 'barang', header: 'Barang', cell: (p) => p.items.map((it, j) => <Text key={j} size="xs">{it.nama}: {formatAngka(it.jumlah)} {it.satuan}</Text>) },
    { id: 'nilai', header: 'Nilai', align: 'right', sortValue: (p) => p.total, cell: (p) => <span style={{ whiteSpace: 'nowrap' }}>{rupiah(p.total)}</span> },
    {
      id: 'status',
      header: 'Status',
      sortValue: (p) => p.status,
      cell: (p) => (
        <div style={{ whiteSpace: 'nowrap', minWidth: 120 }}>
          <StatusPenerimaBadge status={p.status} />
          {p.status === 'diterima' && <Text size="xs" c="dimmed">{tgl(p.tanggalTerima)}</Text>}
          {p.status === 'batal' && <Text size="xs" c="dimmed">{p.alasanBatal}</Text>}
        </div>
      ),
    },
    {
      id: 'aksi',
      header: '',
      width: 110,
      hideable: false,
      cell: (p) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          {canEdit && p.status !== 'diterima' && (
            <Tooltip label="Tandai diterima">
              <ActionIcon variant="light" color="green" aria-label={`Diterima ${p.orang.nama}`} onClick={() => setDialog({ kind: 'receipt', penerima: p, status: 'diterima' })} data-testid="recipient-terima"><IconCheck size={16} /></ActionIcon>
            </Tooltip>
          )}
          {(d.mode === 'perorangan' || d.penerima.length === 1) && p.status !== 'batal' && (
            <Tooltip label={p.nomorBast ? `BAST ${p.nomorBast}` : 'BAST penerima ini'}>
              <ActionIcon variant="light" aria-label={`BAST ${p.orang.nama}`} onClick={() => setDialog({ kind: 'doc', doc: 'bast', penerimaId: p.id })}><IconFileText size={16} /></ActionIcon>
            </Tooltip>
          )}
          {canEdit && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target><ActionIcon variant="subtle" aria-label={`Lainnya ${p.orang.nama}`}><IconDots size={16} /></ActionIcon></Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setDialog({ kind: 'items', penerima: p })}>Rincian barang</Menu.Item>
                {p.status !== 'belum' && <Menu.Item onClick={() => receipt.mutate({ penerimaId: p.id, status: 'belum' })}>Kembalikan ke “Belum”</Menu.Item>}
                {p.status !== 'batal' && <Menu.Item color="red" leftSection={<IconX size={14} />} onClick={() => setDialog({ kind: 'receipt', penerima: p, status: 'batal' })}>Batalkan…</Menu.Item>}
                {p.status === 'belum' && !p.nomorBast && (
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    onClick={() =>
                      modals.openConfirmModal({
                        title: 'Hapus dari daftar?',
                        children: <Text size="sm">{p.orang.nama} dihapus dari daftar penerima serah terima ini (salah pilih). Data registrinya tidak berubah.</Text>,
                        labels: { confirm: 'Hapus', cancel: 'Batal' },
                        confirmProps: { color: 'red' },
                        onConfirm: () => remove.mutate({ penerimaId: p.id }),
                      })
                    }
                  >
                    Hapus (salah pilih)
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      ),
    },
  ];

  const allReceived = () =>
    modals.openConfirmModal({
      title: 'Tandai semua diterima?',
      children: <Text size="sm">{belum.length} penerima berstatus “Belum” ditandai diterima pada {tgl(d.tanggal)}. Penerima yang dibatalkan tidak berubah. Satu per satu dapat dikembalikan ke “Belum” bila keliru.</Text>,
      labels: { confirm: 'Tandai diterima', cancel: 'Batal' },
      onConfirm: () => receiveAll.mutate({ penyerahanId: d.id, tanggal: d.tanggal }),
    });

  return (
    <>
      <PageHeader
        title={`Serah terima ${d.program.nama}`}
        description={`${tgl(d.tanggal)} · ${d.tempat}`}
        actions={
          <>
            <Button variant="default" component={Link} to="/bantuan">Kembali</Button>
            {canEdit && <Button variant="default" leftSection={<IconPencil size={16} />} component={Link} to={`/bantuan/serah-terima/${d.id}/ubah`}>Ubah</Button>}
            <Button variant="light" leftSection={<IconListDetails size={16} />} onClick={() => setDialog({ kind: 'doc', doc: 'tandaTerima', penerimaId: null })} data-testid="open-tanda-terima">
              Daftar tanda terima
            </Button>
            <Button leftSection={<IconPrinter size={16} />} onClick={() => setDialog({ kind: 'doc', doc: 'bast', penerimaId: null })} data-testid="open-bast" data-shortcut="print">
              {d.mode === 'kolektif' ? 'BAST' : 'Semua BAST'}
            </Button>
          </>
        }
      />
      {d.hambatanCetak.length > 0 && d.penerima.length > 0 && (
        <Alert color="orange" mb="md" title="BAST belum dapat dicetak">
          {d.hambatanCetak.map((h) => <Text key={h} size="sm">{h}</Text>)}
        </Alert>
      )}
      <SimpleGrid cols={4} mb="md">
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">Program</Text>
          <Text fw={600}>{d.program.nama}</Text>
          <Text size="xs">{sumberDanaLabels[d.programDetail.sumberDana]} · {d.programDetail.opd}</Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">Dasar</Text>
          <Text size="sm">{d.dasar ? `SK ${d.dasar.nomor} tanggal ${tgl(d.dasar.tanggal)}` : 'Tanpa SK'}</Text>
          <Text size="xs" c="dimmed">PIHAK PERTAMA: {d.pihakPertama.nama}</Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">BAST</Text>
          <Text fw={600}>{d.mode === 'kolektif' ? (d.nomorBast ?? 'Belum dicetak') : 'Per penerima'}</Text>
          <Text size="xs">{d.jumlahDiterima} dari {d.jumlahPenerima} penerima sudah menerima</Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">Nilai seluruhnya</Text>
          <Text fw={700} size="lg" data-testid="handover-total">{rupiah(d.total)}</Text>
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="md" mb="md">
        <Group justify="space-between" mb="sm">
          <Title order={5}>Penerima (PIHAK KEDUA)</Title>
          {canEdit && (
            <Group gap="xs">
              {belum.length > 1 && <Button size="xs" variant="light" color="green" leftSection={<IconCheck size={14} />} loading={receiveAll.isPending} onClick={allReceived}>Semua diterima</Button>}
              {d.penerima.length > 0 && <Button size="xs" variant="light" onClick={() => setDialog({ kind: 'items', penerima: null })} data-testid="items-all">Rincian barang semua</Button>}
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'add' })} data-testid="add-recipients">Tambah penerima</Button>
            </Group>
          )}
        </Group>
        {d.penerima.length === 0 ? (
          <Text size="sm" c="dimmed">Belum ada penerima. Klik “Tambah penerima” untuk memilih dari registri atau dari permohonan yang sudah disetujui.</Text>
        ) : (
          <DataTable query={{ data: d.penerima, isLoading: false }} columns={columns} verticalSpacing={6} tableId="penerima" data-testid="recipients"
            rowProps={(p) => ({ 'data-testid': 'recipient-row', style: p.status === 'batal' ? { opacity: 0.6 } : undefined })} />
        )}
      </Paper>
      <Photos d={d} canEdit={canEdit} />

      {dialog?.kind === 'add' && <AddRecipientsModal d={d} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'items' && <ItemsModal d={d} penerima={dialog.penerima} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'receipt' && <ReceiptModal d={d} penerima={dialog.penerima} status={dialog.status} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'doc' && <DocumentModal penyerahanId={d.id} kind={dialog.doc} penerimaId={dialog.penerimaId} canPrint={canPrint} onClose={() => setDialog(null)} />}
    </>
  );
}
