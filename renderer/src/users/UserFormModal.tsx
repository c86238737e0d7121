import { Modal, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { roleLabels, roles } from '../../../shared/api/access';
import { createUserSchema, updateUserSchema, type UserSummary } from '../../../shared/api/users';
import { useApiMutation } from '../api/hooks';
import { applyServerIssues } from '../common/applyServerIssues';
import { FormActions } from '../common/FormActions';
import { WilayahPicker } from './WilayahPicker';

export const roleDescriptions: Record<(typeof roles)[number], string> = {
  admin: 'Semua fitur, termasuk pengguna, templat, cadangan dan pemulihan.',
  petugas: 'Registri, permohonan, serah terima bantuan, rapat, intervensi dan ekspor.',
  operator: 'Impor dan registri di kecamatan/desa yang ditugaskan saja.',
  pimpinan: 'Melihat semua data, menyetujui permohonan, mencetak dan mengekspor; tidak mengubah data.',
};

const roleOptions = roles.map((r) => ({ value: r, label: `${roleLabels[r]} — ${roleDescriptions[r]}` }));

type CreateValues = z.input<typeof createUserSchema>;
type UpdateValues = z.input<typeof updateUserSchema>;

export function UserFormModal({ opened, user, onClose }: { opened: boolean; user: UserSummary | null; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={user ? `Ubah pengguna ${user.username}` : 'Tambah pengguna'} size="lg">
      {opened && (user ? <EditForm user={user} onDone={onClose} /> : <CreateForm onDone={onClose} />)}
    </Modal>
  );
}

function CreateForm({ onDone }: { onDone: () => void }) {
  const create = useApiMutation('users.create', { invalidate: ['users'], success: (u) => `Pengguna ${u.username} dibuat.` });
  const form = useForm<CreateValues>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { nama: '', username: '', role: 'petugas', wilayah: [], password: '' },
  });
  const role = useWatch({ control: form.control, name: 'role' });
  const submit = form.handleSubmit((values) =>
    create.mutate(createUserSchema.parse(values), { onSuccess: onDone, onError: (e) => applyServerIssues(e, form.setError) }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Nama lengkap" withAsterisk data-autofocus {...form.register('nama')} error={form.formState.errors.nama?.message} />
        <TextInput label="Nama pengguna" description="Untuk masuk: huruf kecil, angka, titik atau garis bawah, mis. budi.s" withAsterisk autoComplete="off" {...form.register('username')} error={form.formState.errors.username?.message} />
        <Controller control={form.control} name="role" render={({ field }) => (
          <Select label="Peran" data-testid="role-select" withAsterisk data={roleOptions} value={field.value} onChange={(v) => field.onChange(v ?? 'petugas')} allowDeselect={false} error={form.formState.errors.role?.message} />
        )} />
        {role === 'operator' && (
          <Controller control={form.control} name="wilayah" render={({ field }) => (
            <WilayahPicker value={field.value ?? []} onChange={field.onChange} error={form.formState.errors.wilayah?.message ?? form.formState.errors.wilayah?.root?.message} />
          )} />
        )}
        <PasswordInput label="Kata sandi awal" description="Minimal 10 karakter. Sampaikan langsung kepada pengguna; ia dapat menggantinya di Pengaturan › Akun saya." withAsterisk autoComplete="new-password" {...form.register('password')} error={form.formState.errors.password?.message} />
        <FormActions onCancel={onDone} loading={create.isPending} />
      </Stack>
    </form>
  );
}

function EditForm({ user, onDone }: { user: UserSummary; onDone: () => void }) {
  const update = useApiMutation('users.update', { invalidate: ['users', 'auth'], success: (u) => `Data pengguna ${u.username} disimpan.` });
  const form = useForm<UpdateValues>({ resolver: zodResolver(updateUserSchema) });
  useEffect(() => {
    form.reset({ id: user.id, nama: user.nama, role: user.role, wilayah: user.wilayah.map((w) => w.kode), active: user.active });
  }, [user, form]);
  const role = useWatch({ control: form.control, name: 'role' });
  const submit = form.handleSubmit((values) =>
    update.mutate(updateUserSchema.parse(values), { onSuccess: onDone, onError: (e) => applyServerIssues(e, form.setError) }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">Nama pengguna: <b>{user.username}</b> (tidak dapat diubah)</Text>
        <TextInput label="Nama lengkap" withAsterisk {...form.register('nama')} error={form.formState.errors.nama?.message} />
        <Controller control={form.control} name="role" render={({ field }) => (
          <Select label="Peran" data-testid="role-select" withAsterisk data={roleOptions} value={field.value} onChange={(v) => field.onChange(v ?? user.role)} allowDeselect={false} error={form.formState.errors.role?.message} />
        )} />
        {role === 'operator' && (
          <Controller control={form.control} name="wilayah" render={({ field }) => (
            <WilayahPicker value={field.value ?? []} onChange={field.onChange} error={form.formState.errors.wilayah?.message ?? form.formState.errors.wilayah?.root?.message} />
          )} />
        )}
        <Controller control={form.control} name="active" render={({ field }) => (
          <Switch label="Akun aktif" description="Akun yang dinonaktifkan tidak dapat masuk; riwayatnya tetap tersimpan." checked={!!field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />
        )} />
        <FormActions onCancel={onDone} loading={update.isPending} disabled={!form.formState.isDirty} />
      </Stack>
    </form>
  );
}
