import { Alert, Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RestoreWarning, StagedRestore } from '../../../shared/api/backup';
import { useApiMutation } from '../api/hooks';
import { RESTORED_KEY } from '../auth/restoredNotice';
import { waktu } from '../common/format';

const kindLabels = { auto: 'otomatis harian', manual: 'manual', exit: 'saat aplikasi ditutup', unknown: 'tidak diketahui' } as const;

/** What the admin must see before restoring: another office, accounts the data does not have, an unverifiable file. */
export function RestoreWarnings({ warnings }: { warnings: RestoreWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="red" title="Perhatikan sebelum memulihkan" data-testid="restore-warnings">
      <Stack gap="xs">
        {warnings.map((w) => (
          <div key={w.code}>
            <Text size="sm">{w.message}</Text>
            {w.accounts && (
              <List size="sm" spacing={0} mt={4}>
                {w.accounts.map((a) => (
                  <List.Item key={a.username}>{a.username} — {a.nama} ({a.role})</List.Item>
                ))}
              </List>
            )}
          </div>
        ))}
      </Stack>
    </Alert>
  );
}

/** The last step before replacing all data: what the backup holds, what happens, and an explicit yes. */
export function RestoreConfirmModal({ staged, onClose }: { staged: StagedRestore | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [sure, setSure] = useState(false);
  const restore = useApiMutation('backup.restore');
  const close = () => {
    setSure(false);
    onClose();
  };
  const info = staged?.info;
  return (
    <Modal opened={!!staged} onClose={close} title="Pulihkan data dari cadangan?" size="lg" closeOnClickOutside={false}>
      {info && (
        <Stack>
          <Alert color="green" title="Berkas cadangan valid dan utuh">
            <List size="sm" spacing={2}>
              <List.Item>Berkas: {info.fileName}</List.Item>
              <List.Item>Kantor: {info.officeName ?? '—'}{info.officeKabKota ? ` (kode wilayah ${info.officeKabKota})` : ''}</List.Item>
              <List.Item>Dibuat: {info.createdAt ? waktu(info.createdAt) : 'tidak diketahui'} ({kindLabels[info.kind]})</List.Item>
              {info.appVersion && <List.Item>Versi aplikasi: {info.appVersion}{info.contentSha256 ? '; isi cocok dengan sidik SHA-256' : ''}</List.Item>}
              <List.Item>Isi: {info.counts.keluarga.toLocaleString('id-ID')} keluarga, {info.counts.anggota.toLocaleString('id-ID')} anggota, {info.counts.users} pengguna, {info.attachments} lampiran</List.Item>
            </List>
          </Alert>
          <RestoreWarnings warnings={info.warnings} />
          <Text size="sm">
            Semua data saat ini akan diganti dengan isi cadangan ini. Perubahan yang dibuat setelah cadangan ini tidak ada di dalamnya. Data saat ini
            disimpan terpisah di folder “sebelum-pulih”, tidak dihapus. Semua pengguna harus masuk kembali.
          </Text>
          <Checkbox label={info.warnings.length > 0 ? 'Saya sudah membaca peringatan di atas dan tetap ingin mengganti data saat ini dengan isi cadangan ini.' : 'Saya mengerti bahwa data saat ini diganti dengan isi cadangan.'} checked={sure} onChange={(e) => setSure(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Batal</Button>
            <Button color="orange" disabled={!sure} loading={restore.isPending}
              onClick={() =>
                staged &&
                restore.mutate(
                  { token: staged.token, confirm: true, acceptWarnings: info.warnings.map((w) => w.code) },
                  {
                    onSuccess: (r) => {
                      sessionStorage.setItem(RESTORED_KEY, JSON.stringify({ fileName: r.info.fileName, keptAsidePath: r.keptAsidePath }));
                      close();
                      queryClient.clear();
                      window.location.reload();
                    },
                  },
                )
              }>
              Pulihkan sekarang
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
