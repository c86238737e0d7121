import { ActionIcon, Alert, Button, Checkbox, Group, Modal, NumberInput, Stack, Table, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ItemInput, PenerimaRow, PenyerahanDetail, PersonSummary } from '../../../shared/api/handovers';
import { itemSchema } from '../../../shared/api/handovers';
import type { ApiError } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PersonSearch } from './PersonPicker';
import { DateField, rupiah } from './ui';

export function AddRecipientsModal({ d, onClose }: { d: PenyerahanDetail; onClose: () => void }) {
  const [picked, setPicked] = useState<PersonSummary[]>([]);
  const [requests, setRequests] = useState<number[]>([]);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [alasan, setAlasan] = useState('');
  const approved = useApiQuery('handovers.listRequests', { status: 'disetujui', programId: d.program.id });
  const add = useApiMutation('handovers.addRecipients', { invalidate: ['handovers'], success: (x) => `Penerima ditambahkan (${x.jumlahPenerima} orang).`, quietErrors: true });
  const [error, setError] = useState<string | null>(null);
  const existing = new Set(d.penerima.map((p) => p.orang.anggotaId));
  const total = picked.length + requests.length;

  const submit = () =>
    add.mutate(
      { penyerahanId: d.id, anggotaIds: picked.map((p) => p.anggotaId), permohonanIds: requests, alasanGanda: duplicate ? alasan : null },
      {
        onSuccess: onClose,
        onError: (e: ApiError) => {
          if (e.code === 'DUPLICATE_RECIPIENT') setDuplicate(e.message);
          else setError(e.message);
        },
      },
    );

  return (
    <Modal opened onClose={onClose} title="Tambah penerima" size="xl">
      <Tabs defaultValue="registri">
        <Tabs.List>
          <Tabs.Tab value="registri">Dari registri</Tabs.Tab>
          <Tabs.Tab value="permohonan">Permohonan disetujui ({approved.data?.length ?? 0})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="registri" pt="sm">
          <PersonSearch exclude={[...existing, ...picked.map((p) => p.anggotaId)]} onPick={(p) => setPicked((x) => [...x, p])} />
        </Tabs.Panel>
        <Tabs.Panel value="permohonan" pt="sm">
          {approved.data?.length === 0 && <Text size="sm" c="dimmed">Tidak ada permohonan {d.program.nama} yang disetujui dan belum diserahkan.</Text>}
          <Stack gap={6}>
            {(approved.data ?? []).map((r) => (
              <Checkbox
                key={r.id}
                disabled={existing.has(r.pemohon.anggotaId)}
                checked={requests.includes(r.id)}
                onChange={(e) => setRequests((x) => (e.currentTarget.checked ? [...x, r.id] : x.filter((i) => i !== r.id)))}
                label={`${r.pemohon.nama} — NIK ${r.pemohon.nik} — SK ${r.skNomor ?? ''}`}
                data-testid="approved-request"
              />
            ))}
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {picked.length > 0 && (
        <Stack gap={4} mt="md">
          <Text size="sm" fw={500}>Dipilih dari registri:</Text>
          {picked.map((p) => (
            <Group key={p.anggotaId} justify="space-between" data-testid="picked-person">
              <Text size="sm">{p.nama} — {p.nik}{p.nikMasalah.length > 0 && <Text span c="red"> (NIK tidak valid)</Text>}</Text>
              <ActionIcon variant="subtle" color="red" aria-label={`Batalkan ${p.nama}`} onClick={() => setPicked((x) => x.filter((y) => y.anggotaId !== p.anggotaId))}><IconTrash size={14} /></ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
      {error && <Alert color="red" mt="md">{error}</Alert>}
      {duplicate && (
        <Alert color="orange" mt="md" title="Penerima ganda">
          <Text size="sm" mb="xs">{duplicate}</Text>
          <Textarea label="Alasan tetap diberikan" placeholder="mis. bantuan sebelumnya rusak karena banjir" value={alasan} onChange={(e) => setAlasan(e.currentTarget.value)} autosize minRows={2} data-testid="alasan-ganda" />
        </Alert>
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>Batal</Button>
        <Button disabled={total === 0 || (!!duplicate && alasan.trim().length < 5)} loading={add.isPending} onClick={submit} data-testid="add-recipients-save">
          {duplicate ? 'Tetap tambahkan' : `Tambahkan ${total} penerima`}
        </Button>
      </Group>
    </Modal>
  );
}

/** Items of one recipient, or of every recipient at once (penerima null). */
export function ItemsModal({ d, penerima, onClose }: { d: PenyerahanDetail; penerima: PenerimaRow | null; onClose: () => void }) {
  const start = penerima?.items ?? d.penerima.find((p) => p.status !== 'batal')?.items ?? [];
  const [items, setItems] = useState<ItemInput[]>(
    start.length > 0 ? start.map(({ nama, jumlah, satuan, nilaiSatuan }) => ({ nama, jumlah, satuan, nilaiSatuan })) : [{ nama: d.program.nama, jumlah: 1, satuan: d.program.satuan, nilaiSatuan: d.programDetail.nilaiSatuan }],
  );
  const set = useApiMutation('handovers.setItems', { invalidate: ['handovers'], success: 'Rincian barang disimpan.' });
  const problems = items.map((it) => itemSchema.safeParse(it).error?.issues[0]?.message ?? null);
  const total = items.reduce((s, it) => s + Math.round((it.jumlah || 0) * (it.nilaiSatuan || 0)), 0);
  const change = (i: number, patch: Partial<ItemInput>) => setItems((x) => x.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  const count = d.penerima.filter((p) => p.status !== 'batal').length;
  return (
    <Modal opened onClose={onClose} size="xl" title={penerima ? `Rincian barang untuk ${penerima.orang.nama}` : `Rincian barang untuk semua penerima (${count} orang)`}>
      {!penerima && <Alert mb="sm" color="blue">Rincian ini menggantikan rincian setiap penerima yang tidak dibatalkan.</Alert>}
      <Table>
        <Table.Thead>
          <Table.Tr><Table.Th>Nama barang</Table.Th><Table.Th w={100}>Jumlah</Table.Th><Table.Th w={120}>Satuan</Table.Th><Table.Th w={170}>Nilai per satuan (Rp)</Table.Th><Table.Th ta="right">Nilai</Table.Th><Table.Th /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((it, i) => (
            <Table.Tr key={i}>
              <Table.Td><TextInput value={it.nama} onChange={(e) => change(i, { nama: e.currentTarget.value })} error={problems[i] && /barang/i.test(problems[i]) ? problems[i] : undefined} data-testid="item-nama" /></Table.Td>
              <Table.Td><NumberInput value={it.jumlah} min={0} decimalSeparator="," onChange={(v) => change(i, { jumlah: Number(v) || 0 })} data-testid="item-jumlah" /></Table.Td>
              <Table.Td><TextInput value={it.satuan} onChange={(e) => change(i, { satuan: e.currentTarget.value })} /></Table.Td>
              <Table.Td><NumberInput value={it.nilaiSatuan} min={0} thousandSeparator="." decimalSeparator="," allowDecimal={false} onChange={(v) => change(i, { nilaiSatuan: Number(v) || 0 })} data-testid="item-nilai" /></Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{rupiah(Math.round((it.jumlah || 0) * (it.nilaiSatuan || 0)))}</Table.Td>
              <Table.Td><ActionIcon variant="subtle" color="red" disabled={items.length === 1} aria-label="Hapus baris" onClick={() => setItems((x) => x.filter((_, j) => j !== i))}><IconTrash size={16} /></ActionIcon></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {problems.some(Boolean) && <Text c="red" size="sm" mt={4}>{problems.find(Boolean)}</Text>}
      <Group justify="space-between" mt="sm">
        <Button variant="subtle" leftSection={<IconPlus size={14} />} disabled={items.length >= 30} onClick={() => setItems((x) => [...x, { nama: '', jumlah: 1, satuan: d.program.satuan, nilaiSatuan: 0 }])}>Tambah baris</Button>
        <Text fw={600}>Jumlah per penerima: {rupiah(total)}{!penerima && count > 1 ? ` · semua: ${rupiah(total * count)}` : ''}</Text>
      </Group>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>Batal</Button>
        <Button disabled={problems.some(Boolean)} loading={set.isPending} onClick={() => set.mutate({ penyerahanId: d.id, penerimaId: penerima?.id ?? null, items }, { onSuccess: onClose })} data-testid="items-save">Simpan</Button>
      </Group>
    </Modal>
  );
}

export function ReceiptModal({ d, penerima, status, onClose }: { d: PenyerahanDetail; penerima: PenerimaRow; status: 'diterima' | 'batal'; onClose: () => void }) {
  const [tanggal, setTanggal] = useState<string | null>(d.tanggal);
  const [alasan, setAlasan] = useState('');
  const m = useApiMutation('handovers.setReceipt', { invalidate: ['handovers'], success: status === 'diterima' ? `${penerima.orang.nama}: diterima.` : `${penerima.orang.nama}: dibatalkan.` });
  return (
    <Modal opened onClose={onClose} title={status === 'diterima' ? `Tanda terima ${penerima.orang.nama}` : `Batalkan ${penerima.orang.nama}`}>
      {status === 'diterima' ? (
        <DateField label="Tanggal diterima" required value={tanggal} onChange={setTanggal} testId="receipt-date" />
      ) : (
        <Textarea label="Alasan batal" withAsterisk autosize minRows={2} value={alasan} onChange={(e) => setAlasan(e.currentTarget.value)} data-autofocus data-testid="receipt-alasan" />
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>Kembali</Button>
        <Button
          color={status === 'batal' ? 'red' : 'green'}
          disabled={status === 'diterima' ? !tanggal : alasan.trim().length < 5}
          loading={m.isPending}
          onClick={() => m.mutate(status === 'diterima' ? { penerimaId: penerima.id, status, tanggal: tanggal! } : { penerimaId: penerima.id, status, alasan }, { onSuccess: onClose })}
          data-testid="receipt-save"
        >
          {status === 'diterima' ? 'Tandai diterima' : 'Batalkan penerima'}
        </Button>
      </Group>
    </Modal>
  );
}
