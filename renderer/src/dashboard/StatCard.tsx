import { Paper, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';

/** A count officials ask about; it opens the list behind it. */
export function StatCard({ label, value, to, color, testId }: { label: string; value: number; to: string; color?: string; testId: string }) {
  return (
    <UnstyledButton component={Link} to={to} data-testid={testId}>
      <Paper withBorder p="md" radius="md">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
        <Text size="xl" fw={700} c={color}>{value.toLocaleString('id-ID')}</Text>
      </Paper>
    </UnstyledButton>
  );
}
