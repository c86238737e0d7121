import { Center, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The card centred in the window on the screens shown before anyone signs in (setup, recovery). */
export function StartCard({ w, children }: { w: number; children: ReactNode }) {
  return (
    <Center mih="100%" py="xl">
      <Paper withBorder shadow="sm" p="xl" w={w}>
        {children}
      </Paper>
    </Center>
  );
}

/** The heading of a StartCard: its title and one dimmed line saying what the screen is for. */
export function StartCardTitle({ title, description }: { title: string; description: ReactNode }) {
  return (
    <div>
      <Title order={2}>{title}</Title>
      <Text c="dimmed">{description}</Text>
    </div>
  );
}
