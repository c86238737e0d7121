import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { JobStatus } from '../../../shared/api/jobs';
import { formatAngka } from '../../../shared/domain/rupiah';

/** Progress of a running job: rows done of the total, rows per second, and a cancel button. */
export function JobProgress({ status, onCancel, title }: { status: JobStatus; onCancel: () => void; title: string }) {
  const pct = status.total ? Math.min(100, (status.done / status.total) * 100) : null;
  return (
    <Paper withBorder p="lg" radius="md" aria-live="polite">
      <Stack gap="sm">
        <Text fw={600}>{title}</Text>
        <Progress value={pct ?? 100} animated striped={pct === null} size="lg" aria-label="Kemajuan" />
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="job-progress">
            {status.label}
            {status.total ? ` — baris ${formatAngka(status.done)} dari ±${formatAngka(status.total)}` : ''}
            {status.ratePerSecond ? ` — ${formatAngka(status.ratePerSecond)} baris/detik` : ''}
          </Text>
          <Button variant="default" color="red" onClick={onCancel}>
            Batalkan
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Membatalkan tidak mengubah data apa pun: semua perubahan impor ini dikembalikan.
        </Text>
      </Stack>
    </Paper>
  );
}
