import { ActionIcon, Badge, Button, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Switch, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import {
  jenisProgram,
  jenisProgramLabels,
  kategoriProgram,
  kategoriProgramLabels,
  programInputSchema,
  satuanSaran,
  sumberDana,
  sumberDanaLabels,
  type Program,
  type ProgramInput,
} from '../../../shared/api/programs';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { FormActions } from '../common/FormActions';
import { DataTable, type DataColumn } from '../components/DataTable';
import { rupiah, useMay } from './ui';

export function ProgramsPage() {
  const may = useMay();
  const [showClosed, setShowClosed] = useState(false);
  const list = useApiQuery('programs.list', { aktif: showClosed ? null : true });
  const setAktif = useApiMutation('programs.setAktif', { invalidate: ['programs'], success: (p) => (p.aktif ? `Program ${p.nama} dibuka kembali.` : `Program ${p.nama} ditutup.`) });
  const [editing, setEditing] = useState<Program | 'new' | null>(null);
  const columns: DataColumn<Program>[] = [
    { id: 'nama', header: 'Nama', hideable: false, sortValue: (p) => p.nama, cell: (p) => <Text size="sm" fw={500}>{p.nama}</Text> },
    { id: 'jenis', header: 'Jenis', sortValue: (p) => jenisProgramLabels[p.jenis], cell: (p) => jenisProgramLabels[p.jenis] },
    { id: 'nilai', header: 'Nilai/satuan', align: 'right', sortValue: (p) => p.nilaiSatuan, cell: (p) => <span style={{ whiteSpace: 'nowrap' }}>{rupiah(p.nilaiSatuan)} / {p.satuan}</span> },
    { id: 'sumber', header: 'Sumber dana', sortValue: (p) => sumberDanaLabels[p.sumberDana], cell: (p) => sumberDanaLabels[p.sumberDana] },
    { id: 'opd', header: 'OPD', sortValue: (p) => p.opd, cell: (p) => p.opd },
    { id: 'tahun', header: 'Tahun', sortValue: (p) => p.tahun, cell: (p) => p.tahun },
    { id: 'kategori', header: 'Kategori', sortValue: (p) => kategoriProgramLabels[p.kategori], cell: (p) => <Text size="sm">{kategoriProgramLabels[p.kategori]}</Text> },
    { id: 'status', header: 'Status', width: 90, sortValue: (p) => (p.aktif ? 0 : 1), cell: (p) => (p.aktif ? <Badge color="green" variant="light">Aktif</Badge> : <Badge color="gray" variant="light">Ditutup</Badge>) },
    {
      id: 'aksi',
      header: '',
      hideable: false,
      cell: (p) =>
        may('aid.write') && (
          <Group gap={4} wrap="nowrap">
            <Tooltip label="Ubah">
              <ActionIcon variant="subtle" aria-label={`Ubah ${p.nama}`} onClick={() => setEditing(p)}>
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <Button size="compact-xs" variant="subtle" onClick={() => setAktif.mutate({ id: p.id, aktif: !p.aktif })}>
              {p.aktif ? 'Tutup' : 'Buka'}
            </Button>
          </Group>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Program bantuan"
        description="Jenis bantuan yang diserahkan kantor: nilai per satuan, sumber dana dan OPD penanggung jawab."
        actions={
          <>
            <Switch label="Tampilkan yang ditutup" checked={showClosed} onChange={(e) => setShowClosed(e.currentTarget.checked)} />
            {may('aid.write') && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="program-new">
                Program baru
              </Button>
            )}
          </>
        }
      />
      <Paper withBorder>
        <DataTable query={list} columns={columns} tableId="program" rowProps={() => ({ 'data-testid': 'program-row' })}
          empty="Belum ada program. Klik “Program baru” untuk menambahkan, mis. Bantuan Kaki Palsu atau Sembako." />
      </Paper>
      <MeteraiSetting />
      {editing && <ProgramModal program={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

/** The bea meterai threshold of money BASTs: a pimpinan sets it, everyone sees it. */
function MeteraiSetting() {
  const may = useMay();
  const current = useApiQuery('programs.documentSettings', {});
  const save = useApiMutation('programs.setDocumentSettings', { invalidate: ['programs'], success: 'Batas meterai disimpan.' });
  const [value, setValue] = useState<number | null>(null);
  const shown = value ?? current.data?.meteraiBatas ?? null;
  return (
    <Paper withBorder p="md" mt="md">
      <Group align="flex-end">
        <NumberInput
          label="Batas meterai pada BAST bantuan uang (Rp)"
          description="Tanda terima uang dengan nilai lebih dari batas ini diberi tempat meterai Rp 10.000 untuk penerima (UU No. 10 Tahun 2020 tentang Bea Meterai, Pasal 3 ayat (2): lebih dari Rp 5.000.000)."
          thousandSeparator="."
          decimalSeparator=","
          min={0}
          value={shown ?? ''}
          onChange={(v) => setValue(typeof v === 'number' ? v : null)}
          disabled={!may('aid.approve')}
          w={420}
          data-testid="meterai-batas"
        />
        {may('aid.approve') && (
          <Button variant="light" disabled={value === null || value === current.data?.meteraiBatas} loading={save.isPending} onClick={() => value !== null && save.mutate({ meteraiBatas: value })} data-testid="meterai-save">
            Simpan
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function ProgramModal({ program, onClose }: { program: Program | null; onClose: () => void }) {
  const create = useApiMutation('programs.create', { invalidate: ['programs'], success: (p) => `Program ${p.nama} disimpan.` });
  const update = useApiMutation('programs.update', { invalidate: ['programs'], success: (p) => `Program ${p.nama} diperbarui.` });
  const form = useForm<ProgramInput>({
    resolver: zodResolver(programInputSchema),
    defaultValues: program
      ? { nama: program.nama, jenis: program.jenis, satuan: program.satuan, nilaiSatuan: program.nilaiSatuan, sumberDana: program.sumberDana, opd: program.opd, tahun: program.tahun, kategori: program.kategori, keterangan: program.keterangan }
      : { nama: '', jenis: 'barang', satuan: 'unit', nilaiSatuan: 0, sumberDana: 'apbd_kab', opd: 'Dinas Sosial', tahun: new Date().getFullYear(), kategori: 'bansos', keterangan: null },
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    const data = programInputSchema.parse(values);
    const done = { onSuccess: onClose, onError: (e: { message: string }) => form.setError('nama', { message: e.message }) };
    if (program) update.mutate({ ...data, id: program.id }, done);
    else create.mutate(data, done);
  });
  return (
    <Modal opened onClose={onClose} title={program ? `Ubah program ${program.nama}` : 'Program bantuan baru'} size="lg">
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={2}>
          <TextInput label="Nama program" withAsterisk {...form.register('nama')} error={errors.nama?.message} data-autofocus data-testid="program-nama" />
          <Controller control={form.control} name="jenis" render={({ field }) => (
            <Select label="Jenis" data={jenisProgram.map((j) => ({ value: j, label: jenisProgramLabels[j] }))} value={field.value} onChange={(v) => field.onChange(v)} allowDeselect={false} error={errors.jenis?.message} />
          )} />
          <Controller control={form.control} name="satuan" render={({ field }) => (
            <Select label="Satuan" data={[...new Set([...satuanSaran, field.value])]} value={field.value} onChange={(v) => field.onChange(v ?? '')} searchable allowDeselect={false} error={errors.satuan?.message} data-testid="program-satuan" />
          )} />
          <Controller control={form.control} name="nilaiSatuan" render={({ field }) => (
            <NumberInput label="Nilai per satuan (Rp)" thousandSeparator="." decimalSeparator="," allowDecimal={false} min={0} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v) || 0)} error={errors.nilaiSatuan?.message} data-testid="program-nilai" />
          )} />
          <Controller control={form.control} name="sumberDana" render={({ field }) => (
            <Select label="Sumber dana" data={sumberDana.map((s) => ({ value: s, label: sumberDanaLabels[s] }))} value={field.value} onChange={(v) => field.onChange(v)} allowDeselect={false} error={errors.sumberDana?.message} />
          )} />
          <TextInput label="OPD penanggung jawab" withAsterisk {...form.register('opd')} error={errors.opd?.message} />
          <Controller control={form.control} name="tahun" render={({ field }) => (
            <NumberInput label="Tahun anggaran" allowDecimal={false} thousandSeparator="" min={2000} max={2100} value={field.value} onChange={(v) => field.onChange(Number(v) || 0)} error={errors.tahun?.message} />
          )} />
          <Controller control={form.control} name="kategori" render={({ field }) => (
            <Select label="Kategori (rencana penanggulangan kemiskinan)" data={kategoriProgram.map((k) => ({ value: k, label: kategoriProgramLabels[k] }))} value={field.value} onChange={(v) => field.onChange(v)} allowDeselect={false} error={errors.kategori?.message} />
          )} />
        </SimpleGrid>
        <Textarea mt="sm" label="Keterangan" autosize minRows={2} {...form.register('keterangan', { setValueAs: (v: string) => v || null })} error={errors.keterangan?.message} />
        <FormActions onCancel={onClose} loading={create.isPending || update.isPending} submitTestId="program-simpan" mt="md" />
      </form>
    </Modal>
  );
}
