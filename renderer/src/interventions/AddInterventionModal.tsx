import { Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { createSchema, type IntervensiRow } from '../../../shared/api/interventions';
import { hariIni } from '../common/format';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { applyServerIssues } from '../common/applyServerIssues';
import { DateField } from '../common/DateField';
import { useUndoToast } from './useUndoToast';
import { FormActions } from '../common/FormActions';

type Form = z.input<typeof createSchema>;
const invalidate = ['interventions', 'dashboard'];

/** Records a manual intervention, or corrects one (`editing`), with OPD and kind from the reference lists. */
export function AddInterventionModal({ opened, onClose, editing = null }: { opened: boolean; onClose: () => void; editing?: IntervensiRow | null }) {
  const create = useApiMutation('interventions.create', { invalidate, success: 'Intervensi dicatat.' });
  const update = useApiMutation('interventions.update', { invalidate });
  const undoToast = useUndoToast();
  const opdList = useApiQuery('interventions.opdList', undefined, { enabled: opened });
  const form = useForm<Form>({
    resolver: zodResolver(createSchema),
    values: editing
      ? { nik: editing.nik ?? '', opd: editing.opd, jenis: editing.jenis, tanggal: editing.tanggal, nilai: editing.nilai }
      : undefined,
    defaultValues: { nik: '', opd: '', jenis: '', tanggal: hariIni(), nilai: 0 },
  });
  const opd = useWatch({ control: form.control, name: 'opd' });
  const kinds = opdList.data?.find((o) => o.nama === opd)?.jenis.map((j) => j.nama) ?? [];
  // Picked from the reference lists, never typed: a name nobody has on the OPD page cannot become a new agency.
  const opdOptions = (opdList.data ?? []).map((o) => ({ value: o.nama, label: o.singkatan ? `${o.nama} (${o.singkatan})` : o.nama }));
  const submit = form.handleSubmit((values) => {
    const onError = (e: Parameters<typeof applyServerIssues>[0]) => applyServerIssues(e, form.setError);
    if (editing) {
      const { nik: _nik, ...rest } = values;
      update.mutate({ ...rest, id: editing.id }, { onSuccess: (r) => (undoToast('Intervensi diubah.', r.auditId), onClose()), onError });
    } else {
      create.mutate(values, { onSuccess: () => (form.reset({ ...values, nik: '' }), onClose()), onError });
    }
  });
  const err = form.formState.errors;
  return (
    <Modal opened={opened} onClose={onClose} title={editing ? 'Ubah intervensi' : 'Catat intervensi'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="NIK penerima" description="Orang harus sudah ada di registri." autoFocus disabled={!!editing} {...form.register('nik')} error={err.nik?.message} />
          <Group grow>
            <Controller
              control={form.control}
              name="opd"
              render={({ field }) => (
                <Select
                  label="OPD pemberi"
                  placeholder="Cari nama atau singkatan OPD"
                  description="Dari Referensi OPD (admin menambah OPD di sana)."
                  searchable
                  nothingFoundMessage="Tidak ada di Referensi OPD"
                  data={opdOptions}
                  value={field.value || null}
                  onChange={(v) => {
                    field.onChange(v ?? '');
                    // A kind belongs to its OPD: one of the previous OPD is cleared.
                    const next = opdList.data?.find((o) => o.nama === v);
                    if (!next?.jenis.some((j) => j.nama === form.getValues('jenis'))) form.setValue('jenis', '');
                  }}
                  error={err.opd?.message}
                  data-testid="intervensi-opd"
                />
              )}
            />
            <Controller
              control={form.control}
              name="jenis"
              render={({ field }) => (
                <Select
                  label="Jenis intervensi"
                  placeholder={opd ? 'Pilih jenis' : 'Pilih OPD dahulu'}
                  description="Jenis milik OPD yang dipilih."
                  searchable
                  disabled={!opd}
                  nothingFoundMessage="OPD ini belum punya jenis tersebut"
                  data={kinds}
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  error={err.jenis?.message}
                  data-testid="intervensi-jenis"
                />
              )}
            />
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
          <FormActions onCancel={onClose} loading={create.isPending || update.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
