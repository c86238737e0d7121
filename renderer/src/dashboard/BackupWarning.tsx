import { Alert, Button, Group, Text } from '@mantine/core';
import { IconDatabaseExclamation } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { BackupOverview } from '../../../shared/api/backup';
import { useApiQuery } from '../api/hooks';
import { waktu } from '../common/format';
import { useMay } from '../common/useMay';

/** Why automatic backup is not protecting the data right now, or null while it is. */
export function backupProblem(o: BackupOverview): string | null {
  if (!o.settings.folder) return 'Folder cadangan belum dipilih, jadi data belum dicadangkan otomatis.';
  if (!o.settings.daily && !o.settings.onExit) return 'Cadangan harian dan cadangan saat aplikasi ditutup sama-sama dimatikan.';
  if (o.folderProblem) return `Folder cadangan tidak dapat dipakai: ${o.folderProblem}`;
  if (o.lastBackup && !o.lastBackup.ok) return `Cadangan terakhir (${waktu(o.lastBackup.at)}) gagal: ${o.lastBackup.message ?? 'sebab tidak diketahui'}.`;
  return null;
}

/** The dashboard's warning while automatic backup is not active (read through the backup page's own call). */
export function BackupWarning() {
  const may = useMay();
  const overview = useApiQuery('backup.overview', undefined, { enabled: may('backup.manage') });
  const problem = overview.data ? backupProblem(overview.data) : null;
  if (!problem) return null;
  return (
    <Alert color="orange" icon={<IconDatabaseExclamation size={20} />} title="Cadangan otomatis belum aktif" data-testid="peringatan-cadangan">
      <Group justify="space-between" wrap="nowrap" align="flex-end">
        <Text size="sm">
          {problem} Jika komputer ini rusak atau hilang, data registri ikut hilang. Pilih folder di disk kedua atau flashdisk.
        </Text>
        <Button component={Link} to="/pengaturan/cadangan" size="xs" variant="light" color="orange">
          Atur cadangan
        </Button>
      </Group>
    </Alert>
  );
}
