import { Button, Group, Text } from '@mantine/core';
import { IconArrowBackUp, IconSchool } from '@tabler/icons-react';
import { useDemo } from './useDemo';

/** On every screen while the demo database is open: what you see is practice data; one click goes back. */
export function DemoBand() {
  const demo = useDemo();
  if (!demo.active) return null;
  return (
    <Group
      data-testid="demo-band"
      role="status"
      justify="space-between"
      wrap="nowrap"
      px="md"
      py={6}
      mb="md"
      style={{ background: 'repeating-linear-gradient(135deg, #f59f00 0 18px, #fab005 18px 36px)', borderRadius: 6, position: 'sticky', top: 52, zIndex: 50 }}
    >
      <Group gap="xs" wrap="nowrap">
        <IconSchool size={20} />
        <Text fw={800} size="sm" c="dark.9">
          DATA LATIHAN
        </Text>
        <Text size="sm" c="dark.9">
          Semua yang Anda lihat dan ubah di sini hanya latihan; data asli kantor tidak tersentuh.
        </Text>
      </Group>
      <Button size="xs" color="dark" leftSection={<IconArrowBackUp size={16} />} loading={demo.busy} onClick={demo.stop}>
        Kembali ke data asli
      </Button>
    </Group>
  );
}
