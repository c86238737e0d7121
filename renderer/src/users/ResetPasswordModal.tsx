import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { passwordSchema } from '../../../shared/api/admin';
import type { UserSummary } from '../../../shared/api/users';
import { useApiMutation } from '../api/hooks';
import { FormActions } from '../common/FormActions';

const schema = z
  .object({ password: passwordSchema, confirm: z.string().max(200) })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'Ulangi kata sandi dengan sama persis.' });

export function ResetPasswordModal({ user, onClose }: { user: UserSummary | null; onClose: () => void }) {
  const reset = useApiMutation('users.resetPassword', { invalidate: ['users'], success: (u) => `Kata sandi ${u.username} diatur ulang.` });
  const form = useForm<z.input<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { password: '', confirm: '' } });
  const close = () => {
    form.reset();
    onClose();
  };
  const submit = form.handleSubmit((v) => user && reset.mutate({ id: user.id, password: v.password }, { onSuccess: close }));
  return (
    <Modal opened={!!user} onClose={close} title={`Atur ulang kata sandi ${user?.username ?? ''}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">Kata sandi lama tidak berlaku lagi dan kunci akun (setelah salah masuk berkali-kali) dibuka. Sampaikan kata sandi baru langsung kepada {user?.nama}.</Text>
          <PasswordInput label="Kata sandi baru" withAsterisk autoComplete="new-password" data-autofocus {...form.register('password')} error={form.formState.errors.password?.message} />
          <PasswordInput label="Ulangi kata sandi baru" withAsterisk autoComplete="new-password" {...form.register('confirm')} error={form.formState.errors.confirm?.message} />
          <FormActions onCancel={close} loading={reset.isPending} submitLabel="Atur ulang" />
        </Stack>
      </form>
    </Modal>
  );
}
