import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../shared/api/auth';
import { useApiMutation } from '../api/hooks';

/**
 * Covers the app opaquely (no NIK or name shows through) while it stays mounted underneath, so the user's place and unsaved input are kept) until the
 * same user types their password again. "Masuk sebagai pengguna lain" signs out properly instead.
 */
export function LockScreen({ session, onUnlocked, onSwitchUser }: { session: SessionInfo; onUnlocked: () => void; onSwitchUser: () => void }) {
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const login = useApiMutation('auth.login', { quietErrors: true });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!password) return;
    login.mutate(
      { username: session.username, password },
      {
        onSuccess: () => {
          setPassword('');
          onUnlocked();
          void queryClient.invalidateQueries({ predicate: (q) => q.state.status === 'error' || q.queryKey[0] === 'auth' });
        },
        onError: () => setPassword(''),
      },
    );
  };
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="lock-title" data-testid="lock-screen"
      style={{ position: 'fixed', inset: 0, zIndex: 1000, background: 'var(--mantine-color-gray-1)', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Paper withBorder shadow="md" p="xl" w={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Stack gap={4} align="center">
              <IconLock size={36} />
              <Title order={3} id="lock-title">Layar terkunci</Title>
              <Text size="sm" c="dimmed" ta="center">
                Dikunci karena tidak ada aktivitas selama 15 menit. Pekerjaan Anda tetap di tempatnya.
              </Text>
            </Stack>
            <Text size="sm">Masuk kembali sebagai <b>{session.nama}</b> ({session.username}).</Text>
            {login.error && <Alert color="red">{login.error.message}</Alert>}
            <PasswordInput label="Kata sandi" autoFocus autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={login.isPending} disabled={!password}>Buka kunci</Button>
            <Anchor component="button" type="button" size="sm" ta="center" onClick={onSwitchUser}>Masuk sebagai pengguna lain</Anchor>
          </Stack>
        </form>
      </Paper>
    </div>
  );
}
