import { Button, Group, Paper, Stack, Tabs } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { z } from 'zod';
import { officeProfileSchema, type OfficeProfileInput } from '../../../shared/api/admin';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { applyServerIssues } from '../common/applyServerIssues';
import { KantorFields, KepalaFields, KertasField, NomorFields, RegionFields } from './OfficeFields';

const formSchema = z.object({ office: officeProfileSchema });

/** Pengaturan › Kantor: the same fields as the first-start wizard. */
export function OfficeSettingsPage() {
  const office = useApiQuery('admin.getOffice', undefined);
  const save = useApiMutation('admin.saveOffice', { invalidate: ['admin'], success: 'Data kantor disimpan.' });
  const form = useForm<{ office: OfficeProfileInput }>({ resolver: zodResolver(formSchema) });

  useEffect(() => {
    if (!office.data) return;
    const { kopPemerintah: _k, provinsiNama: _p, kabKotaNama: _kk, updatedAt: _u, ...profile } = office.data;
    form.reset({ office: profile });
  }, [office.data, form]);

  const submit = form.handleSubmit((values) =>
    save.mutate(officeProfileSchema.parse(values.office), { onError: (e) => applyServerIssues(e, form.setError, 'office.') }),
  );

  if (!office.data) return null;
  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate>
        <PageHeader
          title="Data kantor"
          description="Dipakai pada kop surat, BAST, undangan, dan laporan."
          actions={<Button type="submit" loading={save.isPending} disabled={!form.formState.isDirty}>Simpan</Button>}
        />
        <Paper withBorder p="md">
          <Tabs defaultValue="wilayah">
            <Tabs.List>
              <Tabs.Tab value="wilayah">Wilayah</Tabs.Tab>
              <Tabs.Tab value="kantor">Kantor & logo</Tabs.Tab>
              <Tabs.Tab value="pimpinan">Pimpinan</Tabs.Tab>
              <Tabs.Tab value="dokumen">Nomor surat & kertas</Tabs.Tab>
            </Tabs.List>
            <Stack pt="md">
              <Tabs.Panel value="wilayah"><RegionFields /></Tabs.Panel>
              <Tabs.Panel value="kantor"><KantorFields /></Tabs.Panel>
              <Tabs.Panel value="pimpinan"><KepalaFields /></Tabs.Panel>
              <Tabs.Panel value="dokumen">
                <Stack><NomorFields /><KertasField /></Stack>
              </Tabs.Panel>
            </Stack>
          </Tabs>
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => form.reset()} disabled={!form.formState.isDirty}>Batalkan perubahan</Button>
          </Group>
        </Paper>
      </form>
    </FormProvider>
  );
}
