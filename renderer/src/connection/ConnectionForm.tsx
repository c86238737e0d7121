import { Alert, Button, Checkbox, Group, NumberInput, PasswordInput, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  connectionModeLabels,
  DEFAULT_PG_PORT,
  serverConnectionSchema,
  type ConnectionChoiceInput,
  type ConnectionInfo,
  type ConnectionTest,
  type ServerConnectionInput,
} from '../../../shared/api/connection';
import { useApiMutation } from '../api/hooks';
import { applyServerIssues } from '../common/applyServerIssues';
import { CertificateFields } from './CertificateFields';

type Mode = ConnectionInfo['mode'];
const formSchema = z.object({ server: serverConnectionSchema });

/**
 * "Satu komputer" or "Server kantor" with the server's fields and "Uji koneksi": the set-up wizard's first step
 * and Pengaturan › Koneksi basis data; `serverOnly` (the recovery screen of a PC that cannot open its saved
 * server, where only the server may be entered) leaves out the choice. The caller decides what the submit does
 * (save now, or after a confirmation); the password is typed each time and never shown back.
 */
export function ConnectionForm({
  current,
  submitLabel,
  pending,
  error,
  onSubmit,
  extraActions,
  serverOnly = false,
}: {
  current: ConnectionInfo;
  submitLabel: (mode: Mode) => string;
  pending: boolean;
  error: string | null;
  onSubmit: (choice: ConnectionChoiceInput, tested: ConnectionTest | null) => void;
  extraActions?: React.ReactNode;
  serverOnly?: boolean;
}) {
  const [mode, setMode] = useState<Mode>(current.mode);
  const [tested, setTested] = useState<ConnectionTest | null>(null);
  const form = useForm<{ server: ServerConnectionInput }>({
    resolver: zodResolver(formSchema),
    defaultValues: {
      server: {
        host: current.server?.host ?? '',
        port: current.server?.port ?? DEFAULT_PG_PORT,
        database: current.server?.database ?? 'dinsos',
        user: current.server?.user ?? 'dinsos',
        password: '',
        ssl: current.server?.ssl ?? false,
        certCheck: current.server?.certCheck ?? 'none',
        caCert: current.server?.caCert ?? null,
      },
    },
    mode: 'onTouched',
  });
  const test = useApiMutation('connection.test', { quietErrors: true });
  const errors = form.formState.errors.server;
  const ssl = useWatch({ control: form.control, name: 'server.ssl' });

  const runTest = form.handleSubmit((values) => {
    setTested(null);
    test.mutate(values.server, { onSuccess: setTested, onError: (e) => applyServerIssues(e, form.setError, 'server.') });
  });
  const submit = mode === 'lokal' ? () => onSubmit({ mode: 'lokal' }, null) : form.handleSubmit((values) => onSubmit({ mode: 'server', ...values.server }, tested));

  return (
    <Stack>
      {!serverOnly && (
        <Radio.Group value={mode} onChange={(v) => setMode(v as Mode)} label="Di mana data kantor disimpan?" data-testid="koneksi-mode">
          <Stack gap="xs" mt="xs">
            <Radio value="lokal" label={connectionModeLabels.lokal} description="Data tersimpan di komputer ini saja. Cocok untuk kantor dengan satu komputer; tanpa pengaturan tambahan." />
            <Radio value="server" label={connectionModeLabels.server} description="Beberapa komputer memakai satu basis data PostgreSQL di server kantor. Alamat dan akun basis data diberikan oleh admin TI." />
          </Stack>
        </Radio.Group>
      )}
      {mode === 'server' && (
        <Stack gap="sm" data-testid="koneksi-server">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput style={{ gridColumn: 'span 2' }} label="Host" placeholder="mis. 192.168.1.10 atau server-dinsos" {...form.register('server.host', { onChange: () => setTested(null) })} error={errors?.host?.message} />
            <Controller
              control={form.control}
              name="server.port"
              render={({ field }) => (
                <NumberInput label="Port" min={1} max={65535} allowDecimal={false} thousandSeparator="" value={field.value as number} onChange={(v) => { setTested(null); field.onChange(v === '' ? undefined : v); }} onBlur={field.onBlur} error={errors?.port?.message} />
              )}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Nama basis data" {...form.register('server.database', { onChange: () => setTested(null) })} error={errors?.database?.message} />
            <TextInput label="Pengguna" {...form.register('server.user', { onChange: () => setTested(null) })} error={errors?.user?.message} />
            <PasswordInput label="Sandi" description="Disimpan terenkripsi di komputer ini." {...form.register('server.password', { onChange: () => setTested(null) })} error={errors?.password?.message} />
          </SimpleGrid>
          <Checkbox label="Gunakan TLS (koneksi terenkripsi ke server)" {...form.register('server.ssl', { onChange: () => setTested(null) })} />
          {ssl && <CertificateFields form={form} onChange={() => setTested(null)} />}
          <Group>
            <Button variant="default" onClick={runTest} loading={test.isPending}>Uji koneksi</Button>
          </Group>
          {tested && (
            <Alert color={tested.blocked || tested.state === 'tanpaAkun' ? 'yellow' : tested.state === 'kantor' ? 'blue' : 'green'} data-testid="koneksi-hasil">{tested.message}</Alert>
          )}
          {test.error && !tested && (
            <Alert color="red" data-testid="koneksi-hasil">{test.error.message}</Alert>
          )}
        </Stack>
      )}
      {error && <Alert color="red" data-testid="koneksi-galat">{error}</Alert>}
      <Group justify="space-between">
        <div>{extraActions}</div>
        <Button onClick={submit} loading={pending} data-testid="koneksi-simpan">{submitLabel(mode)}</Button>
      </Group>
      {mode === 'server' && !tested && <Text size="xs" c="dimmed">Sebaiknya uji koneksi dulu; saat disimpan koneksi juga diuji.</Text>}
    </Stack>
  );
}
