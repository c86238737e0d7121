import { ActionIcon, Badge, Button, Group, Modal, Paper, Select, Stack, TagsInput, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowMerge, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { OpdRef } from '../../../shared/api/interventions';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { useMay } from '../common/useMay';
import { DataTable, type DataColumn } from '../components/DataTable';

const invalidate = ['interventions', 'dashboard'];

/** Referensi OPD: the agencies of the area, the names they are written as, and their kinds of help. */
export function OpdPage() {
  const may = useMay();
  const admin = may('office.manage');
  const list = useApiQuery('interventions.opdList', undefined);
  const [editing, setEditing] = useState<OpdRef | 'baru' | null>(null);
  const [merging, setMerging] = useState<OpdRef | null>(null);
  const [addingKind, setAddingKind] = useState<{ opd: OpdRef; kind: OpdRef['jenis'][number] | null } | null>(null);
  const rows = list.data ?? [];
  const columns: DataColumn<OpdRef>[] = [
    { id: 'nama', header: 'OPD', sortValue: (o) => o.nama, cell: (o) => <Text size="sm" fw={500}>{o.nama}</Text> },
    { id: 'singkatan', header: 'Singkatan', sortValue: (o) => o.singkatan, cell: (o) => o.singkatan ?? '—' },
    {
      id: 'alias',
      header: 'Nama lain',
      cell: (o) => <Group gap={4}>{o.alias.length ? o.alias.map((a) => <Badge key={a} variant="outline" color="gray" tt="none">{a}</Badge>) : <Text size="sm" c="dimmed">—</Text>}</Group>,
    },
    {
      id: 'jenis',
      header: 'Jenis intervensi',
      cell: (o) => (
        <Group gap={4}>
          {o.jenis.map((j) => {
            const badge = (
              <Badge key={j.id} variant="light" tt="none" style={admin ? { cursor: 'pointer' } : undefined} onClick={admin ? () => setAddingKind({ opd: o, kind: j }) : undefined} data-testid="jenis-badge">
                {j.nama}{j.alias.length > 0 ? ` +${j.alias.length}` : ''}
              </Badge>
            );
            return j.alias.length > 0 ? <Tooltip key={j.id} label={`Juga ditulis: ${j.alias.join(', ')}`} multiline maw={320}>{badge}</Tooltip> : badge;
          })}
          {admin && (
            <Tooltip label="Tambah jenis">
              <ActionIcon size="sm" variant="subtle" aria-label={`Tambah jenis ${o.nama}`} onClick={() => setAddingKind({ opd: o, kind: null })}><IconPlus size={14} /></ActionIcon>
            </Tooltip>
          )}
        </Group>
      ),
    },
    { id: 'dipakai', header: 'Intervensi', align: 'right', sortValue: (o) => o.dipakai, cell: (o) => o.dipakai.toLocaleString('id-ID') },
    ...(admin
      ? [
          {
            id: 'aksi',
            header: '',
            width: 130,
            cell: (o: OpdRef) => (
              <Group gap={4} wrap="nowrap">
                <Tooltip label="Ubah"><ActionIcon variant="subtle" aria-label={`Ubah ${o.nama}`} onClick={() => setEditing(o)}><IconPencil size={16} /></ActionIcon></Tooltip>
                <Tooltip label="Gabungkan ke OPD lain"><ActionIcon variant="subtle" color="orange" aria-label={`Gabungkan ${o.nama}`} onClick={() => setMerging(o)}><IconArrowMerge size={16} /></ActionIcon></Tooltip>
              </Group>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed" maw={760}>
          Satu OPD dikenali dari nama, singkatan dan nama lainnya: daftar impor dan serah terima yang menulis "Dinkes" tercatat pada Dinas Kesehatan.
          Bila dua OPD ternyata sama, gabungkan: seluruh riwayat intervensinya pindah dan namanya menjadi nama lain.
        </Text>
        {admin && <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('baru')}>Tambah OPD</Button>}
      </Group>
      <Paper withBorder>
        <DataTable query={list} columns={columns} verticalSpacing={6} tableId="opd" empty="Belum ada OPD." rowProps={(o) => ({ 'data-opd': o.nama })} data-testid="tabel-opd" />
      </Paper>
      {editing && <OpdModal opd={editing === 'baru' ? null : editing} onClose={() => setEditing(null)} />}
      {merging && <MergeModal dari={merging} all={rows} onClose={() => setMerging(null)} />}
      {addingKind && <KindModal opd={addingKind.opd} kind={addingKind.kind} onClose={() => setAddingKind(null)} />}
    </>
  );
}

function OpdModal({ opd, onClose }: { opd: OpdRef | null; onClose: () => void }) {
  const [nama, setNama] = useState(opd?.nama ?? '');
  const [singkatan, setSingkatan] = useState(opd?.singkatan ?? '');
  const [alias, setAlias] = useState<string[]>(opd?.alias ?? []);
  const save = useApiMutation('interventions.opdSave', { invalidate, success: (o) => `${o.nama} disimpan.` });
  const submit = () => save.mutate({ ...(opd ? { id: opd.id } : {}), nama, singkatan: singkatan || null, alias }, { onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={opd ? `Ubah ${opd.nama}` : 'Tambah OPD'} size="lg">
      <Stack>
        <TextInput label="Nama OPD" required value={nama} onChange={(e) => setNama(e.currentTarget.value)} data-autofocus />
        <TextInput label="Singkatan" placeholder="Dinkes" value={singkatan} onChange={(e) => setSingkatan(e.currentTarget.value)} w={220} />
        <TagsInput label="Nama lain" description="Cara lain OPD ini ditulis di daftar dan program (tekan Enter setelah tiap nama)." value={alias} onChange={setAlias} clearable />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Batal</Button>
          <Button onClick={submit} loading={save.isPending} disabled={nama.trim().length < 2}>Simpan</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Adds a kind to an OPD, or edits one (`kind`): its name and the other names agencies' lists write it as. */
function KindModal({ opd, kind, onClose }: { opd: OpdRef; kind: OpdRef['jenis'][number] | null; onClose: () => void }) {
  const [nama, setNama] = useState(kind?.nama ?? '');
  const [alias, setAlias] = useState<string[]>(kind?.alias ?? []);
  const save = useApiMutation('interventions.jenisSave', { invalidate, success: (j) => (kind ? `Jenis ${j.nama} disimpan.` : `Jenis ${j.nama} ditambahkan.`) });
  return (
    <Modal opened onClose={onClose} title={`${kind ? 'Ubah jenis' : 'Jenis'} intervensi ${opd.singkatan ?? opd.nama}`}>
      <Stack>
        <TextInput label="Nama jenis" placeholder="Jamban sehat" value={nama} onChange={(e) => setNama(e.currentTarget.value)} data-autofocus data-testid="jenis-nama" />
        <TagsInput
          label="Nama lain"
          description="Cara daftar OPD menulis jenis ini (mis. RTLH, Bedah Rumah). Impor mengenalinya tanpa pemetaan."
          placeholder="Ketik lalu Enter"
          value={alias}
          onChange={setAlias}
          data-testid="jenis-alias"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Batal</Button>
          <Button onClick={() => save.mutate({ ...(kind ? { id: kind.id } : {}), opdId: opd.id, nama, alias }, { onSuccess: onClose })} loading={save.isPending} disabled={nama.trim().length < 2} data-testid="jenis-simpan">
            {kind ? 'Simpan' : 'Tambah'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function MergeModal({ dari, all, onClose }: { dari: OpdRef; all: OpdRef[]; onClose: () => void }) {
  const [ke, setKe] = useState<string | null>(null);
  const merge = useApiMutation('interventions.opdMerge', { invalidate, success: (r) => `${dari.nama} digabung ke ${r.ke.nama}: ${r.dipindah.toLocaleString('id-ID')} intervensi dipindahkan.` });
  return (
    <Modal opened onClose={onClose} title={`Gabungkan ${dari.nama}`}>
      <Stack>
        <Text size="sm">
          Seluruh {dari.dipakai.toLocaleString('id-ID')} intervensi {dari.nama} pindah ke OPD yang dipilih; namanya ({[dari.nama, dari.singkatan, ...dari.alias].filter(Boolean).join(', ')}) menjadi nama lain OPD itu. Tercatat di log audit.
        </Text>
        <Select label="Digabung ke" placeholder="Pilih OPD" searchable data={all.filter((o) => o.id !== dari.id).map((o) => ({ value: String(o.id), label: o.singkatan ? `${o.nama} (${o.singkatan})` : o.nama }))} value={ke} onChange={setKe} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Batal</Button>
          <Button color="orange" disabled={!ke} loading={merge.isPending} onClick={() => ke && merge.mutate({ dariId: dari.id, keId: Number(ke) }, { onSuccess: onClose })}>Gabungkan</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
