import { ActionIcon, Badge, Button, Menu, Paper, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconDots, IconKey, IconPencil, IconPlus, IconUserCheck, IconUserOff, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { roleLabels } from '../../../shared/api/access';
import type { UserSummary } from '../../../shared/api/users';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { DataTable, type DataColumn } from '../components/DataTable';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { jam } from '../common/format';

const roleColors = { admin: 'red', petugas: 'teal', operator: 'blue', pimpinan: 'grape' } as const;

function wilayahText(u: UserSummary) {
  if (u.role !== 'operator') return <Text size="sm" c="dimmed">Semua wilayah</Text>;
  const names = u.wilayah.map((w) => (w.level === 'kecamatan' ? `Kec. ${w.nama}` : w.nama));
  return <Text size="sm" lineClamp={2} title={names.join(', ')}>{names.join(', ')}</Text>;
}

/** Pengaturan › Pengguna: accounts, roles, operator areas, password resets. Nobody is ever deleted. */
export function UsersPage() {
  const list = useApiQuery('users.list', undefined);
  const current = useApiQuery('auth.current', undefined);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const update = useApiMutation('users.update', { invalidate: ['users'] });

  const open = (u: UserSummary | null) => {
    setEditing(u);
    setFormOpen(true);
  };
  const toggleActive = (u: UserSummary) =>
    modals.openConfirmModal({
      title: u.active ? `Nonaktifkan ${u.nama}?` : `Aktifkan kembali ${u.nama}?`,
      children: (
        <Text size="sm">
          {u.active
            ? 'Pengguna ini tidak dapat masuk lagi sampai diaktifkan kembali. Data dan riwayat yang pernah dibuatnya tetap tersimpan.'
            : 'Pengguna ini dapat masuk lagi dengan kata sandinya.'}
        </Text>
      ),
      labels: { confirm: u.active ? 'Nonaktifkan' : 'Aktifkan', cancel: 'Batal' },
      confirmProps: { color: u.active ? 'red' : 'teal' },
      onConfirm: () =>
        update.mutate(
          { id: u.id, nama: u.nama, role: u.role, wilayah: u.wilayah.map((w) => w.kode), active: !u.active },
          { onSuccess: () => undefined },
        ),
    });

  const rows = list.data ?? [];
  const columns: DataColumn<UserSummary>[] = [
    {
      id: 'nama',
      header: 'Nama',
      sortValue: (u) => u.nama,
      cell: (u) => (
        <>
          <Text size="sm" fw={500}>{u.nama}</Text>
          {u.id === current.data?.userId && <Text size="xs" c="dimmed">Akun Anda</Text>}
        </>
      ),
    },
    { id: 'username', header: 'Nama pengguna', sortValue: (u) => u.username, cell: (u) => u.username },
    { id: 'role', header: 'Peran', sortValue: (u) => roleLabels[u.role], cell: (u) => <Badge variant="light" color={roleColors[u.role]}>{roleLabels[u.role]}</Badge> },
    { id: 'wilayah', header: 'Wilayah', width: 300, cell: wilayahText },
    {
      id: 'status',
      header: 'Status',
      sortValue: (u) => (!u.active ? 2 : u.lockedUntil ? 1 : 0),
      cell: (u) =>
        !u.active ? (
          <Badge variant="light" color="gray">Tidak aktif</Badge>
        ) : u.lockedUntil ? (
          <Tooltip label={`Terlalu banyak percobaan masuk gagal. Terkunci sampai ${jam(u.lockedUntil)}, atau atur ulang kata sandinya.`}>
            <Badge variant="light" color="orange">Terkunci</Badge>
          </Tooltip>
        ) : (
          <Badge variant="light" color="green">Aktif</Badge>
        ),
    },
    {
      id: 'aksi',
      header: '',
      width: 50,
      cell: (u) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" aria-label={`Tindakan untuk ${u.username}`}><IconDots size={16} /></ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => open(u)}>Ubah data & peran</Menu.Item>
            <Menu.Item leftSection={<IconKey size={14} />} onClick={() => setResetting(u)}>Atur ulang kata sandi</Menu.Item>
            {u.id !== current.data?.userId && (
              <Menu.Item leftSection={u.active ? <IconUserOff size={14} /> : <IconUserCheck size={14} />} color={u.active ? 'red' : undefined} onClick={() => toggleActive(u)}>
                {u.active ? 'Nonaktifkan' : 'Aktifkan kembali'}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title="Pengguna"
        description="Akun untuk setiap petugas. Peran menentukan apa yang boleh dilakukan; operator hanya bekerja di wilayahnya."
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => open(null)}>Tambah pengguna</Button>}
      />
      {!list.isLoading && rows.length <= 1 && (
        <EmptyState icon={<IconUsers size={30} />} title="Baru ada akun admin">
          Buat akun untuk setiap petugas, operator DTKS dan pimpinan agar setiap perubahan tercatat atas nama orangnya. Jangan memakai satu akun bersama.
        </EmptyState>
      )}
      <Paper withBorder>
        <DataTable query={list} columns={columns} initialSort={{ id: 'nama' }} maxHeight="calc(100vh - 260px)" empty="Belum ada pengguna."
          rowProps={(u) => ({ 'data-testid': `user-${u.username}` })} data-testid="users-table" />
      </Paper>
      <UserFormModal opened={formOpen} user={editing} onClose={() => setFormOpen(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
