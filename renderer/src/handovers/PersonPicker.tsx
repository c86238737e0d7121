import { Alert, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { zodResolver } from '@hookform/resolvers/zod';
import { IconAlertTriangle, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { newPersonSchema, type NewPersonInput, type PersonSummary } from '../../../shared/api/handovers';
import { hubunganValues, statusLabels, type StatusAnggotaValue } from '../../../shared/api/registry';
import type { ApiError } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { DateField, tgl } from './ui';
import { FormActions } from '../common/FormActions';

export function alamatSingkat(p: PersonSummary): string {
  const rtRw = p.rt || p.rw ? `RT ${p.rt ?? '-'}/RW ${p.rw ?? '-'}` : '';
  return [p.alamat, rtRw, p.desa, `Kec. ${p.kecamatan}`].filter(Boolean).join(', ');
}

/** Finds people in the registry by name or NIK; one click picks. */
export function PersonSearch(props: { onPick: (p: PersonSummary) => void; exclude?: readonly number[]; allowNew?: boolean }) {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [adding, setAdding] = useState(false);
  const results = useApiQuery('handovers.searchPeople', { q: debounced, limit: 20 }, { enabled: debounced.length >= 2 });
  const exclude = new Set(props.exclude ?? []);
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <TextInput
          style={{ flex: 1 }}
          label="Cari di registri"
          placeholder="Ketik nama atau NIK (minimal 2 huruf/angka)"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="person-search"
          data-autofocus
        />
        {props.allowNew && (
          <Button variant="light" leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)} data-testid="person-new">
            Orang baru
          </Button>
        )}
      </Group>
      {debounced.length >= 2 && (
        <Paper withBorder mah={260} style={{ overflowY: 'auto' }}>
          <Table highlightOnHover verticalSpacing={4}>
            <Table.Tbody>
              {(results.data ?? []).map((p) => (
                <Table.Tr key={p.anggotaId} data-testid="person-result">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {p.nama}
                      {p.status !== 'aktif' && <Text span c="orange" size="xs"> ({statusLabels[p.status as StatusAnggotaValue] ?? p.status})</Text>}
                    </Text>
                    <Text size="xs" c="dimmed">{alamatSingkat(p)}</Text>
                  </Table.Td>
                  <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                    <Text size="sm">{p.nik}</Text>
                    {p.nikMasalah.length > 0 && <Text size="xs" c="red">NIK tidak valid</Text>}
                  </Table.Td>
                  <Table.Td><Text size="sm">{tgl(p.tanggalLahir)}</Text></Table.Td>
                  <Table.Td ta="right">
                    <Button size="compact-sm" variant="light" disabled={exclude.has(p.anggotaId)} onClick={() => props.onPick(p)}>
                      {exclude.has(p.anggotaId) ? 'Sudah dipilih' : 'Pilih'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {results.data?.length === 0 && (
            <Text size="sm" c="dimmed" p="sm">
              Tidak ditemukan. Periksa ejaan atau cari dengan NIK{props.allowNew ? ', atau tambahkan sebagai orang baru.' : '.'}
            </Text>
          )}
        </Paper>
      )}
      {adding && (
        <NewPersonModal
          onClose={() => setAdding(false)}
          onCreated={(p) => {
            setAdding(false);
            props.onPick(p);
          }}
        />
      )}
    </Stack>
  );
}

/** An applicant not yet in the registry: full NIK / No KK / desa checks on the main side. */
export function NewPersonModal({ onClose, onCreated }: { onClose: () => void; onCreated: (p: PersonSummary) => void }) {
  const office = useApiQuery('admin.getOffice', undefined);
  const [desaQ, setDesaQ] = useState('');
  const [debouncedDesa] = useDebouncedValue(desaQ, 200);
  const desa = useApiQuery(
    'regions.search',
    { q: debouncedDesa, levels: ['desa', 'kelurahan'], within: office.data?.kabKotaKode, limit: 30 },
    { enabled: !!office.data },
  );
  const add = useApiMutation('handovers.addPerson', { invalidate: ['handovers'], success: (p) => `${p.nama} ditambahkan ke registri.` , quietErrors: true });
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<NewPersonInput>({
    resolver: zodResolver(newPersonSchema),
    defaultValues: { noKk: '', nik: '', nama: '', alamat: '', rt: '', rw: '', desaKode: '', tempatLahir: null, tanggalLahir: null, hubungan: null, disabilitas: null },
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) =>
    add.mutate(newPersonSchema.parse(values), {
      onSuccess: onCreated,
      onError: (e: ApiError) => {
        const issues = e.issues ?? (e.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
        if (issues?.length) for (const i of issues) form.setError(i.path as keyof NewPersonInput, { message: i.message });
        else setServerError(e.message);
      },
    }),
  );
  return (
    <Modal opened onClose={onClose} title="Tambah orang ke registri" size="lg">
      {/* The modal is portalled but React events still bubble to the page's own form: keep the submit here. */}
      <form
        onSubmit={(e) => {
          e.stopPropagation();
          void submit(e);
        }}
        noValidate
      >
        {serverError && <Alert color="red" icon={<IconAlertTriangle size={16} />} mb="sm">{serverError}</Alert>}
        <SimpleGrid cols={2}>
          <TextInput label="NIK" withAsterisk maxLength={20} {...form.register('nik')} error={errors.nik?.message} data-testid="np-nik" data-autofocus />
          <TextInput label="No KK" withAsterisk maxLength={20} {...form.register('noKk')} error={errors.noKk?.message} data-testid="np-kk" />
          <TextInput label="Nama lengkap" withAsterisk {...form.register('nama')} error={errors.nama?.message} data-testid="np-nama" />
          <Controller control={form.control} name="jenisKelamin" render={({ field }) => (
            <Select label="Jenis kelamin" withAsterisk data={[{ value: 'L', label: 'Laki-laki' }, { value: 'P', label: 'Perempuan' }]} value={field.value ?? null} onChange={(v) => field.onChange(v ?? undefined)} error={errors.jenisKelamin?.message} data-testid="np-jk" />
          )} />
          <TextInput label="Tempat lahir" {...form.register('tempatLahir', { setValueAs: (v: string) => v || null })} />
          <Controller control={form.control} name="tanggalLahir" render={({ field }) => (
            <DateField label="Tanggal lahir" value={field.value} onChange={field.onChange} error={errors.tanggalLahir?.message} clearable testId="np-lahir" />
          )} />
          <TextInput label="Alamat (jalan/dusun)" withAsterisk {...form.register('alamat')} error={errors.alamat?.message} />
          <Group grow>
            <TextInput label="RT" maxLength={3} {...form.register('rt')} error={errors.rt?.message} />
            <TextInput label="RW" maxLength={3} {...form.register('rw')} error={errors.rw?.message} />
          </Group>
          <Controller control={form.control} name="desaKode" render={({ field }) => (
            <Select
              label="Desa/Kelurahan"
              withAsterisk
              searchable
              searchValue={desaQ}
              onSearchChange={setDesaQ}
              filter={({ options }) => options}
              data={(desa.data ?? []).map((d) => ({ value: d.kode, label: `${d.nama} — Kec. ${d.path.at(-1)?.nama ?? ''}` }))}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              nothingFoundMessage="Ketik nama desa/kelurahan"
              error={errors.desaKode?.message}
              data-testid="np-desa"
            />
          )} />
          <Controller control={form.control} name="hubungan" render={({ field }) => (
            <Select label="Hubungan dalam keluarga" description="Kosong: kepala keluarga bila KK baru" clearable data={[...hubunganValues]} value={field.value ?? null} onChange={(v) => field.onChange(v)} />
          )} />
          <TextInput label="Disabilitas (bila ada)" placeholder="mis. disabilitas fisik (amputasi kaki)" {...form.register('disabilitas', { setValueAs: (v: string) => v || null })} />
        </SimpleGrid>
        <FormActions onCancel={onClose} loading={add.isPending} submitLabel="Simpan ke registri" submitTestId="np-simpan" mt="md" />
      </form>
    </Modal>
  );
}
