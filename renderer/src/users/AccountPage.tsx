import { Button, Group, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { roleLabels } from '../../../shared/api/access';
import { changeOwnPasswordSchema } from '../../../shared/api/users';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { PageHeader } from '../common/PageHeader';
import { applyServerIssues } from '../common/applyServerIssues';

/** Pengaturan › Akun saya: every user, whatever the role, changes their own password here. */
export function AccountPage() {
  const current = useApiQuery('auth.current', undefined);
  const change = useApiMutation('users.changeOwnPassword', { success: 'Kata sandi diganti. Gunakan kata sandi baru saat masuk berikutnya.', quietErrors: true });
  const form = useForm<z.input<typeof changeOwnPasswordSchema>>({
    resolver: zodResolver(changeOwnPasswordSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const submit = form.handleSubmit((values) =>
    change.mutate(values, {
      onSuccess: () => form.reset(),
      onError: (e) => {
        const issues = (e.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
        if (issues) for (const i of issues) form.setError(i.path as 'currentPassword', { message: i.message });
        else if (!applyServerIssues(e, form.setError)) form.setError('root', { message: e.message });
      },
    }),
  );
  const s = current.data;
  return (
    <>
      <PageHeader title="Akun saya" description={s ? `${s.nama} · ${s.username} · ${roleLabels[s.role]}` : undefined} />
      <Paper withBorder p="md" maw={480}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text fw={500}>Ganti kata sandi</Text>
            <PasswordInput label="Kata sandi saat ini" withAsterisk autoComplete="current-password" {...form.register('currentPassword')} error={form.formState.errors.currentPassword?.message} />
            <PasswordInput label="Kata sandi baru" description="Minimal 10 karakter. Jangan memakai kata sandi yang sama dengan rekan kerja." withAsterisk autoComplete="new-password" {...form.register('newPassword')} error={form.formState.errors.newPassword?.message} />
            <PasswordInput label="Ulangi kata sandi baru" withAsterisk autoComplete="new-password" {...form.register('confirmPassword')} error={form.formState.errors.confirmPassword?.message} />
            {form.formState.errors.root && <Text c="red" size="sm">{form.formState.errors.root.message}</Text>}
            <Group justify="flex-end">
              <Button type="submit" loading={change.isPending}>Ganti kata sandi</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
