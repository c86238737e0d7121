import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DuplicatePair, DuplicateScan } from '../../../shared/api/registry';
import type { JobStatus } from '../../../shared/api/jobs';
import { formatAngka } from '../../../shared/domain/rupiah';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { api, type ApiError } from '../api/client';
import { useApiMutation } from '../api/hooks';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { JobProgress, useJob } from '../jobs';
import { useKecamatanOptions } from './ui';

function Person({ p, title }: { p: DuplicatePair['a']; title: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">{title}</Text>
      <Text fw={600}>
        <Link to={`/registri/keluarga/${p.keluargaId}`}>{p.nama}</Link>
      </Text>
      <Text size="sm" ff="monospace">NIK {p.nik}</Text>
      <Text size="sm">Lahir {p.tanggalLahir ? formatTanggal(p.tanggalLahir) : '–'} · Ibu {p.ibuKandung ?? '–'}</Text>
      <Text size="sm">{p.desaNama}, {p.kecamatanNama} · KK {p.noKk}</Text>
    </Stack>
  );
}

/** Possible duplicates with different NIKs: a clerk marks each pair "same person" (merge) or "different people". */
export function DuplicatesPage() {
  const [kecamatan, setKecamatan] = useState<string | null>(null);
  const kecOptions = useKecamatanOptions();
  const scan = useJob<DuplicateScan>();
  const [decided, setDecided] = useState<Set<string>>(new Set());
  const decide = useApiMutation('registry.decideDuplicate', { invalidate: ['registry'] });
  const result = scan.status?.state === 'done' ? scan.status.result : null;

  const start = async () => {
    setDecided(new Set());
    try {
      scan.follow((await api.registry.scanDuplicates({ ...(kecamatan ? { kecamatan } : {}), limit: 500 })) as JobStatus<DuplicateScan>);
    } catch (e) {
      modals.open({ title: 'Gagal', children: <Text>{(e as ApiError).message}</Text> });
    }
  };
  const mark = (pair: DuplicatePair, keputusan: 'sama' | 'beda') => {
    const go = () => decide.mutate({ a: pair.a.id, b: pair.b.id, keputusan }, { onSuccess: () => setDecided((s) => new Set(s).add(`${pair.a.id}-${pair.b.id}`)) });
    if (keputusan === 'beda') return go();
    modals.openConfirmModal({
      title: 'Gabungkan sebagai orang yang sama?',
      children: (
        <Text size="sm">
          Data {pair.b.nama} (NIK {pair.b.nik}) dinyatakan keluar sebagai data ganda, programnya dipindahkan ke {pair.a.nama} (NIK {pair.a.nik}). Riwayat keduanya tetap tersimpan.
        </Text>
      ),
      labels: { confirm: 'Gabungkan', cancel: 'Batal' },
      onConfirm: go,
    });
  };
  const pending = (result?.pairs ?? []).filter((p) => !decided.has(`${p.a.id}-${p.b.id}`));
  return (
    <Stack>
      <PageHeader title="Periksa data ganda" description="Orang dengan NIK berbeda yang mungkin sama: tanggal lahir sama dan nama mirip di desa yang sama, atau nama dan ibu kandung sama." />
      <Card withBorder radius="md">
        <Group align="flex-end">
          <Select label="Kecamatan" placeholder="Seluruh kabupaten/kota" data={kecOptions} value={kecamatan} onChange={setKecamatan} clearable searchable w={260} />
          <Button onClick={() => void start()} loading={scan.running} leftSection={<IconCopy size={16} />} data-testid="scan-duplikat">Cari data ganda</Button>
        </Group>
      </Card>
      {scan.running && scan.status && <JobProgress status={scan.status} onCancel={() => void scan.cancel()} title="Mencari data ganda" />}
      {scan.status?.state === 'failed' && <Alert color="red">{scan.status.error?.message}</Alert>}
      {result && (
        <Text size="sm" c="dimmed">
          {formatAngka(result.scanned)} orang aktif diperiksa dalam {result.seconds < 1 ? 'kurang dari 1' : result.seconds.toLocaleString('id-ID', { maximumFractionDigits: 1 })} detik; {formatAngka(result.pairs.length)} pasangan{result.truncated ? ' (500 teratas)' : ''}.
        </Text>
      )}
      {result && pending.length === 0 && (
        <EmptyState icon={<IconCopy size={30} />} title="Tidak ada data ganda tersisa">
          Semua pasangan sudah diputuskan, atau tidak ada yang mirip. Pasangan yang ditandai "orang berbeda" tidak akan muncul lagi.
        </EmptyState>
      )}
      {pending.map((pair) => (
        <Card key={`${pair.a.id}-${pair.b.id}`} withBorder radius="md" data-testid="pasangan-ganda">
          <Group justify="space-between" mb="xs">
            <Badge variant="light" color={pair.kind === 'nama-ibu' ? 'grape' : 'blue'}>
              {pair.kind === 'nama-ibu' ? 'Nama dan ibu kandung sama' : `Tanggal lahir sama, nama mirip (${Math.round(pair.score * 100)}%)`}
            </Badge>
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => mark(pair, 'beda')}>Orang berbeda</Button>
              <Button size="xs" color="orange" onClick={() => mark(pair, 'sama')}>Orang yang sama (gabung)</Button>
            </Group>
          </Group>
          <SimpleGrid cols={2}>
            <Person p={pair.a} title="Dipertahankan" />
            <Person p={pair.b} title="Digabungkan ke kiri" />
          </SimpleGrid>
        </Card>
      ))}
    </Stack>
  );
}
