import { Button, Group, Paper, Text } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useApiQuery } from '../api/hooks';
import { useDemo } from './useDemo';

/** After setup, on an empty Beranda: practise on generated data in a separate database first. */
export function DemoOffer() {
  const session = useApiQuery('auth.current', undefined);
  const demo = useDemo();
  if (demo.active || !session.data?.permissions.includes('office.manage')) return null;
  return (
    <Paper withBorder p="md" mb="md" data-testid="demo-offer">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text fw={600}>Ingin berlatih dulu?</Text>
          <Text size="sm" c="dimmed">
            Aplikasi membuat basis data latihan terpisah berisi keluarga contoh di kabupaten/kota Anda, program bantuan, permohonan,
            serah terima, rapat dan intervensi. Data asli kantor tidak tersentuh; kembali ke data asli cukup satu klik.
          </Text>
        </div>
        <Button leftSection={<IconSchool size={18} />} color="orange" loading={demo.busy} onClick={() => demo.start(false)}>
          Coba dengan data latihan
        </Button>
      </Group>
    </Paper>
  );
}
