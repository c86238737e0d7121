import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** What a page shows when there is nothing yet: what it is for and the next step to take. */
export function EmptyState(props: { icon: ReactNode; title: string; children: ReactNode; action?: { label: string; to: string } }) {
  return (
    <Center py={60}>
      <Stack align="center" gap="sm" maw={520} ta="center">
        <ThemeIcon size={56} radius="xl" variant="light">
          {props.icon}
        </ThemeIcon>
        <Title order={3}>{props.title}</Title>
        <Text c="dimmed">{props.children}</Text>
        {props.action && (
          <Button component={Link} to={props.action.to} mt="xs">
            {props.action.label}
          </Button>
        )}
      </Stack>
    </Center>
  );
}
