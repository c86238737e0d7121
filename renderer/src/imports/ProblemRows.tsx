import { Badge, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { outcomeLabels, type PreviewRow, type RowOutcome } from '../../../shared/api/imports';
import { formatAngka } from '../../../shared/domain/rupiah';

const COLORS: Record<RowOutcome, string> = {
  imported: 'green',
  updated: 'blue',
  'duplicate-in-file': 'orange',
  'duplicate-registry': 'orange',
  rejected: 'red',
};

type Filter = 'semua' | 'ditolak' | 'ganda' | 'diperbarui' | 'peringatan';

const MATCHES: Record<Filter, (r: PreviewRow) => boolean> = {
  semua: () => true,
  ditolak: (r) => r.outcome === 'rejected',
  ganda: (r) => r.outcome.startsWith('duplicate'),
  diperbarui: (r) => (r.changes?.length ?? 0) > 0,
  peringatan: (r) => r.warnings.length > 0,
};

/** Every row needing attention or changing the registry, with its sheet row number, every reason and every change; virtualised. */
export function ProblemRows({
  rows,
  truncated,
  skipped,
  title = 'Baris yang perlu diperhatikan atau mengubah registri',
  filterable = true,
  testId = 'problem-rows',
}: {
  rows: PreviewRow[];
  truncated: boolean;
  skipped: { row: number; reason: string; text: string }[];
  /** Another list's wording (an agency's intervention list has only refused rows to show). */
  title?: string;
  filterable?: boolean;
  /** Another list on the same page (a running preview's first rows) is told apart by its own test id. */
  testId?: string;
}) {
  const [filter, setFilter] = useState<Filter>('semua');
  const shown = useMemo(() => rows.filter(MATCHES[filter]), [rows, filter]);
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: shown.length, getScrollElement: () => parent.current, estimateSize: () => 64, overscan: 8 });

  if (rows.length === 0 && skipped.length === 0) {
    return (
      <Card withBorder radius="md">
        <Text c="green.8" size="sm">Semua baris lolos pemeriksaan tanpa catatan.</Text>
      </Card>
    );
  }
  return (
    <Card withBorder radius="md" padding="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{title}</Text>
          {filterable && (
            <SegmentedControl
              data-testid="problem-filter"
              size="xs"
              value={filter}
              onChange={(v) => setFilter(v as Filter)}
              data={[
                { value: 'semua', label: `Semua (${formatAngka(rows.length)})` },
                { value: 'ditolak', label: 'Ditolak' },
                { value: 'ganda', label: 'Ganda' },
                { value: 'diperbarui', label: 'Diperbarui' },
                { value: 'peringatan', label: 'Peringatan' },
              ]}
            />
          )}
        </Group>
        {truncated && <Text size="xs" c="dimmed">Hanya 5.000 baris pertama ditampilkan; berkas baris ditolak memuat semuanya.</Text>}
        <div ref={parent} style={{ maxHeight: 360, overflow: 'auto' }} role="table" aria-label={title} data-testid={testId}>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const r = shown[item.index]!;
              return (
                <div
                  key={r.row}
                  role="row"
                  data-row={r.row}
                  data-index={item.index}
                  ref={virtual.measureElement}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)`, borderBottom: '1px solid var(--mantine-color-gray-2)', padding: '6px 4px' }}
                >
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <Text size="sm" fw={600} w={70} style={{ flexShrink: 0 }}>
                      Baris {r.row}
                    </Text>
                    <Badge color={COLORS[r.outcome]} variant="light" w={190} style={{ flexShrink: 0 }}>
                      {outcomeLabels[r.outcome]}
                    </Badge>
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm">
                        {r.nama ?? '(tanpa nama)'} · NIK {r.nik ?? '–'} {r.desa ? `· ${r.desa}` : ''}
                      </Text>
                      {r.reasons.map((p, i) => (
                        <Text key={`r${i}`} size="xs" c={r.outcome === 'rejected' ? 'red.8' : 'orange.8'}>
                          • {p.message}
                        </Text>
                      ))}
                      {r.changes?.map((ch) => (
                        <Text key={`c${ch.field}`} size="xs" c="blue.8" data-testid="row-change">
                          {ch.label}: {ch.before ?? '(kosong)'} → {ch.after ?? '(kosong)'}
                        </Text>
                      ))}
                      {r.warnings.map((p, i) => (
                        <Text key={`w${i}`} size="xs" c="yellow.9">
                          ⚠ {p.message}
                        </Text>
                      ))}
                    </Stack>
                  </Group>
                </div>
              );
            })}
          </div>
        </div>
        {skipped.length > 0 && (
          <Text size="xs" c="dimmed">
            Bukan data (tidak dihitung): {skipped.slice(0, 8).map((s) => `baris ${s.row} (${s.reason === 'footer' ? 'blok tanda tangan' : s.reason === 'number-row' ? 'nomor kolom' : 'judul berulang'})`).join(', ')}
            {skipped.length > 8 ? ', …' : ''}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
