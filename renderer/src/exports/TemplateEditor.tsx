import { zodResolver } from '@hookform/resolvers/zod';
import { ActionIcon, Alert, Anchor, Button, Card, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Switch, Table, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowLeft, IconArrowUp, IconPlus, IconX } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { cellKindLabels, cellKinds, exportSourceDefs, saveTemplateSchema, titlePlaceholders, type ExportTemplate } from '../../../shared/api/exports';
import type { z } from 'zod';
import { applyServerIssues } from '../common/applyServerIssues';
import type { ApiError } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { ERROR_INLINE } from '../api/queryErrors';

type FormInput = z.input<typeof saveTemplateSchema>;
type FormOutput = z.output<typeof saveTemplateSchema>;

const placeholderHelp = Object.keys(titlePlaceholders).join(' ');

function Editor({ template }: { template: ExportTemplate }) {
  const navigate = useNavigate();
  const source = exportSourceDefs[template.def.source];
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(saveTemplateSchema),
    defaultValues: { id: template.id, nama: template.nama, deskripsi: template.deskripsi, def: template.def },
    mode: 'onTouched',
  });
  const { control, register, handleSubmit, formState, setValue } = form;
  const watchedColumns = useWatch({ control, name: 'def.columns' });
  const columns = useFieldArray({ control, name: 'def.columns' });
  const save = useApiMutation('exports.saveTemplate', { invalidate: ['exports'], success: 'Templat disimpan.', quietErrors: true });
  const errors = formState.errors;

  useEffect(() => {
    form.reset({ id: template.id, nama: template.nama, deskripsi: template.deskripsi, def: template.def });
  }, [template, form]);

  const onSubmit = handleSubmit((values) =>
    save.mutate(values, {
      onSuccess: () => navigate(`/ekspor?templat=${template.id}`),
      onError: (e: ApiError) => applyServerIssues(e, form.setError as never),
    }),
  );

  const fieldOptions = source.fields.map((f) => ({ value: f.key, label: f.label }));
  const kindOptions = cellKinds.map((k) => ({ value: k, label: cellKindLabels[k] }));

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <PageHeader
        title={`Ubah templat: ${template.nama}`}
        description={`Sumber data: ${source.label} (${source.row}). Perubahan berlaku untuk ekspor berikutnya.`}
        actions={
          <>
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} component={Link} to={`/ekspor?templat=${template.id}`}>
              Kembali
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="template-save">
              Simpan templat
            </Button>
          </>
        }
      />
      {save.error && !save.error.issues?.length && (
        <Alert color="red" mb="md">
          {save.error.message}
        </Alert>
      )}
      {Object.keys(errors).length > 0 && (
        <Alert color="red" mb="md">
          Periksa isian yang ditandai merah.
        </Alert>
      )}
      <Stack gap="md">
        <Card withBorder radius="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <TextInput label="Nama templat" withAsterisk {...register('nama')} error={errors.nama?.message} />
            <TextInput label="Nama sheet" description="Maksimal 31 karakter, tanpa [ ] : * ? / \" withAsterisk {...register('def.sheetName')} error={errors.def?.sheetName?.message} />
            <Textarea label="Keterangan" autosize minRows={1} maxRows={3} {...register('deskripsi')} error={errors.deskripsi?.message} />
            <TextInput label="Nama berkas" description={`Tanpa .xlsx. Boleh memakai ${placeholderHelp}`} withAsterisk {...register('def.fileName')} error={errors.def?.fileName?.message} />
          </SimpleGrid>
          <Controller
            control={control}
            name="def.titleRows"
            render={({ field, fieldState }) => (
              <Textarea
                mt="sm"
                label="Baris judul (satu baris per judul, paling banyak 6)"
                description={`Kosongkan bila judul kolom harus di baris 1. Isian otomatis: ${placeholderHelp}`}
                autosize
                minRows={2}
                value={field.value.join('\n')}
                onChange={(e) => field.onChange(e.currentTarget.value === '' ? [] : e.currentTarget.value.split('\n'))}
                onBlur={field.onBlur}
                error={fieldState.error?.message ?? (errors.def?.titleRows as { message?: string } | undefined)?.message}
                data-testid="template-titles"
              />
            )}
          />
          <Group mt="sm" gap="lg" align="flex-end">
            <Controller control={control} name="def.numberRow" render={({ field }) => <Switch label="Baris nomor kolom (1, 2, 3 …)" checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />} />
            <Controller control={control} name="def.totalsRow" render={({ field }) => <Switch label="Baris JUMLAH" checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />} />
            <Controller control={control} name="def.landscape" render={({ field }) => <Switch label="Kertas mendatar (landscape)" checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />} />
            <Controller
              control={control}
              name="def.paper"
              render={({ field }) => (
                <Select label="Ukuran kertas" w={170} data={[{ value: 'kantor', label: 'Sesuai pengaturan kantor' }, { value: 'A4', label: 'A4' }, { value: 'F4', label: 'F4 / Folio' }]} value={field.value} onChange={(v) => v && field.onChange(v)} allowDeselect={false} />
              )}
            />
            <Controller
              control={control}
              name="def.headerStyle"
              render={({ field }) => (
                <Select label="Gaya judul kolom" w={200} data={[{ value: 'biru', label: 'Biru, huruf putih' }, { value: 'polos', label: 'Abu-abu, huruf hitam' }]} value={field.value} onChange={(v) => v && field.onChange(v)} allowDeselect={false} />
              )}
            />
            {template.def.source === 'rekapPenyaluran' && (
              <Controller
                control={control}
                name="def.groupBy"
                render={({ field }) => (
                  <Select label="Baris per" w={150} data={[{ value: 'kecamatan', label: 'Kecamatan' }, { value: 'desa', label: 'Desa/kelurahan' }]} value={field.value ?? 'kecamatan'} onChange={(v) => v && field.onChange(v)} allowDeselect={false} />
                )}
              />
            )}
          </Group>
        </Card>

        <Card withBorder radius="md">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>Kolom ({columns.fields.length})</Text>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => columns.append({ header: 'KOLOM BARU', field: source.fields[0]!.key, width: 15, kind: source.fields[0]!.kind })}>
              Tambah kolom
            </Button>
          </Group>
          {(errors.def?.columns as { message?: string } | undefined)?.message && (
            <Text c="red" size="sm" mb="xs">
              {(errors.def?.columns as { message?: string }).message}
            </Text>
          )}
          <Table withTableBorder verticalSpacing={4} aria-label="Kolom templat">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>#</Table.Th>
                <Table.Th>Judul kolom (persis seperti di berkas)</Table.Th>
                <Table.Th w={260}>Isi kolom</Table.Th>
                <Table.Th w={220}>Jenis isi</Table.Th>
                <Table.Th w={90}>Lebar</Table.Th>
                <Table.Th w={100} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {columns.fields.map((col, i) => {
                const err = errors.def?.columns?.[i];
                return (
                  <Table.Tr key={col.id}>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {i + 1}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Textarea autosize minRows={1} maxRows={3} aria-label={`Judul kolom ${i + 1}`} {...register(`def.columns.${i}.header`)} error={err?.header?.message} data-testid={`col-header-${i}`} />
                    </Table.Td>
                    <Table.Td>
                      <Controller
                        control={control}
                        name={`def.columns.${i}.field`}
                        render={({ field }) => (
                          <Select
                            aria-label={`Isi kolom ${i + 1}`}
                            data={fieldOptions}
                            value={field.value}
                            searchable
                            allowDeselect={false}
                            error={err?.field?.message}
                            onChange={(v) => {
                              if (!v) return;
                              field.onChange(v);
                              const def = source.fields.find((f) => f.key === v);
                              if (def) setValue(`def.columns.${i}.kind`, def.kind);
                            }}
                          />
                        )}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Controller
                        control={control}
                        name={`def.columns.${i}.kind`}
                        render={({ field }) => <Select aria-label={`Jenis isi kolom ${i + 1}`} data={kindOptions} value={field.value} onChange={(v) => v && field.onChange(v)} allowDeselect={false} error={err?.kind?.message} />}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Controller
                        control={control}
                        name={`def.columns.${i}.width`}
                        render={({ field }) => <NumberInput aria-label={`Lebar kolom ${i + 1}`} min={2} max={120} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v) || 0)} error={err?.width?.message} />}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <Tooltip label="Naikkan">
                          <ActionIcon variant="subtle" aria-label={`Naikkan kolom ${i + 1}`} disabled={i === 0} onClick={() => columns.move(i, i - 1)}>
                            <IconArrowUp size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Turunkan">
                          <ActionIcon variant="subtle" aria-label={`Turunkan kolom ${i + 1}`} disabled={i === columns.fields.length - 1} onClick={() => columns.move(i, i + 1)}>
                            <IconArrowDown size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Buang kolom">
                          <ActionIcon variant="subtle" color="red" aria-label={`Buang kolom ${i + 1}`} disabled={columns.fields.length === 1} onClick={() => columns.remove(i)}>
                            <IconX size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt="xs">
            {watchedColumns.some((c) => c.field.startsWith('jenis.'))
              ? 'Kolom "Per jenis bantuan" diulang untuk setiap jenis bantuan, di bawah judul jenisnya.'
              : 'Isi kolom dipilih dari daftar tetap untuk sumber data ini; NIK dan No KK selalu ditulis sebagai teks.'}
          </Text>
        </Card>
      </Stack>
    </form>
  );
}

export function TemplateEditorPage() {
  const { id } = useParams();
  const template = useApiQuery('exports.template', { id: Number(id) }, { enabled: Number(id) > 0, meta: ERROR_INLINE });
  if (template.isLoading) return <Loader />;
  if (template.isError || !template.data) {
    return (
      <Alert color="red" title="Templat tidak dapat dibuka">
        {template.error?.message ?? 'Templat tidak ditemukan.'}{' '}
        <Anchor component={Link} to="/ekspor">
          Kembali ke ekspor
        </Anchor>
      </Alert>
    );
  }
  if (template.data.builtin) {
    return (
      <Alert color="yellow" title="Templat bawaan tidak dapat diubah">
        Buat salinannya dari halaman ekspor, lalu ubah salinan itu.{' '}
        <Anchor component={Link} to={`/ekspor?templat=${template.data.id}`}>
          Kembali
        </Anchor>
      </Alert>
    );
  }
  return <Editor template={template.data} />;
}
