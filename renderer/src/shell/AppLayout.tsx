import { AppShell, Box, Button, Group, NavLink, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import type { SessionInfo } from '../../../shared/api/auth';
import { roleLabels } from '../../../shared/api/access';
import { DemoBand } from '../demo';
import { useShortcuts } from '../panduan';
import { navItems } from './nav';

export function AppLayout({ session, officeName, onLogout }: { session: SessionInfo; officeName: string; onLogout: () => void }) {
  const location = useLocation();
  useShortcuts();
  const visible = navItems.filter((item) => session.permissions.includes(item.permission));
  return (
    <AppShell navbar={{ width: 232, breakpoint: 0 }} header={{ height: 52 }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Title order={4} c="teal.8">Dinsos Desk</Title>
            <Text size="sm" c="dimmed" data-testid="office-name" truncate>
              {officeName}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" data-testid="session-user">
              {session.nama} · {roleLabels[session.role]}
            </Text>
            <Tooltip label="Keluar dari akun ini; aplikasi tetap terbuka untuk masuk dengan akun lain. Untuk menutup aplikasi, tutup jendelanya." multiline w={260}>
              <Button variant="subtle" size="xs" leftSection={<IconLogout size={16} />} onClick={onLogout}>
                Keluar akun
              </Button>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Navigasi utama">
        <ScrollArea>
          <Stack gap={2}>
            {visible.map((item) => {
              const active = item.path === '/' ? location.pathname === '/' : location.pathname.startsWith(item.path);
              return (
                <NavLink
                  key={item.path}
                  component={RouterLink}
                  to={item.path}
                  label={item.label}
                  leftSection={<item.icon size={18} stroke={1.6} />}
                  active={active}
                  variant="light"
                />
              );
            })}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Box maw={1400}>
          <DemoBand />
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
