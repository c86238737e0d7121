import { Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createSchema } from '../../../shared/api/interventions';
import { isoToday } from '../../../shared/domain/tanggal';
import { useApiMutation } from '../api/hooks';
import { applyServerIssues } from '../admin/applyServerIssues';
import { DateField } from '../common/DateField';

type Form = z.input<typeof createSchema>;

export function AddInterventionModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useApiMutation('interventions.create', { invalidate: ['interventions', 'dashboard'], success: 'Intervensi dicatat.' });
  const form = useForm<Form>({ resolver: zodResolver(createSchema), defaultValues: { nik: '', opd: '', jenis: '', tanggal: isoToday(), nilai: 0 } });
  const submit = form.handleSubmit((values) =>
    create.mutate(values, {
      onSuccess: () => {
        form.reset({ ...values, nik: '' });
        onClose();
      },
      onError: (e) => applyServerIssues(e, form.setError),
    }),
  );
  const err = form.formState.errors;
  return (
    <Modal opened={opened} onClose={onClose} title="Catat intervensi" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="NIK penerima" description="Orang harus sudah ada di registri." autoFocus {...form.register('nik')} error={err.nik?.message} />
          <Group grow>
            <TextInput label="OPD pemberi" placeholder="Dinas Kesehatan" {...form.register('opd')} error={err.opd?.message} />
            <TextInput label="Jenis intervensi" placeholder="BPJS PBI, beasiswa, RTLH…" {...form.register('jenis')} error={err.jenis?.message} />
          </Group>
          <Group grow>
            <Controller control={form.control} name="tanggal" render={({ field }) => <DateField label="Tanggal" value={field.value} onChange={(v) => field.onChange(v ?? '')} error={err.tanggal?.message} required />} />
            <Controller
              control={form.control}
              name="nilai"
              render={({ field }) => (
                <NumberInput label="Nilai (Rp)" thousandSeparator="." decimalSeparator="," min={0} allowDecimal={false} value={field.value ?? 0} onChange={(v) => field.onChange(Number(v) || 0)} error={err.nilai?.message} />
              )}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Batal</Button>
            <Button type="submit" loading={create.isPending}>Simpan</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
