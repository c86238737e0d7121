import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { loginSchema } from '../../../shared/api/auth';
import type { z } from 'zod';
import { useApiMutation } from '../api/hooks';
import { useState } from 'react';
import { takeRestoredNotice } from './restoredNotice';

export function LoginPage({ officeName }: { officeName: string | null }) {
  const queryClient = useQueryClient();
  const login = useApiMutation('auth.login', { quietErrors: true });
  const [restored] = useState(takeRestoredNotice);
  const form = useForm<z.input<typeof loginSchema>>({ resolver: zodResolver(loginSchema), defaultValues: { username: '', password: '' } });
  const submit = form.handleSubmit((values) =>
    login.mutate(values, { onSuccess: () => void queryClient.invalidateQueries() }),
  );
  return (
    <Center h="100%">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={2}>Masuk</Title>
              <Text c="dimmed" size="sm">{officeName ?? 'Dinsos Desk'}</Text>
            </div>
            {restored && !login.error && (
              <Alert color="green" title="Data berhasil dipulihkan" data-testid="restored-notice">
                Dari {restored.fileName}. Data sebelumnya disimpan di {restored.keptAsidePath}. Silakan masuk kembali.
              </Alert>
            )}
            {login.error && <Alert color="red">{login.error.message}</Alert>}
            <TextInput label="Nama pengguna" autoFocus autoComplete="username" {...form.register('username')} error={form.formState.errors.username?.message} />
            <PasswordInput label="Kata sandi" autoComplete="current-password" {...form.register('password')} error={form.formState.errors.password?.message} />
            <Button type="submit" loading={login.isPending}>Masuk</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
