import { Badge, Button, Card, Checkbox, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { statusAnggota, statusLabels, type ListInput, type RegistryCount, type StatusAnggotaValue } from '../../../shared/api/registry';
import { formatAngka } from '../../../shared/domain/rupiah';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { api } from '../api/client';
import { useApiQuery } from '../api/hooks';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';
import { StatusBadge, useKecamatanOptions, useDesaOptions } from './ui';

const PAGE = 100;
const COLS = '190px minmax(200px, 1.4fr) 40px 100px minmax(160px, 1fr) 70px 120px';

export function RegistryListPage() {
  const navigate = useNavigate();
  // Dashboard numbers open this list already filtered: ?kecamatan=62.02.05&desil=1-4&ekstrem=1 (&tanpaKk=1)
  const [params] = useSearchParams();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 200);
  const [kecamatan, setKecamatan] = useState<string | null>(params.get('kecamatan'));
  const [desa, setDesa] = useState<string | null>(null);
  const [desil, setDesil] = useState<string[]>(params.get('desil') === '1-4' ? ['1', '2', '3', '4'] : []);
  const [status, setStatus] = useState<string | null>('aktif');
  const [program, setProgram] = useState<string | null>(null);
  const [ekstrem, setEkstrem] = useState<string | null>(params.get('ekstrem') === '1' ? 'ya' : null);
  // Families registered from P3KE by their ID Keluarga P3KE, waiting for their No KK.
  const [tanpaKk, setTanpaKk] = useState(params.get('tanpaKk') === '1');
  const kecOptions = useKecamatanOptions();
  const desaOptions = useDesaOptions(kecamatan);
  const programs = useApiQuery('registry.programs', undefined);

  const filters = useMemo<Omit<ListInput, 'after' | 'limit'>>(
    () => ({
      q: debounced,
      ...(kecamatan ? { kecamatan } : {}),
      ...(desa ? { desa } : {}),
      ...(desil.length ? { desil: desil.map(Number) } : {}),
      ...(status ? { status: status as StatusAnggotaValue } : {}),
      ...(program ? { program } : {}),
      ...(ekstrem ? { ekstrem: ekstrem === 'ya' } : {}),
      ...(tanpaKk ? { tanpaKk: true } : {}),
    }),
    [debounced, kecamatan, desa, desil, status, program, ekstrem, tanpaKk],
  );
  const list = useInfiniteQuery({
    queryKey: ['registry', 'list', filters],
    queryFn: ({ pageParam }) => api.registry.list({ ...filters, limit: PAGE, ...(pageParam ? { after: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const count = useApiQuery('registry.count', filters);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.rows) ?? [], [list.data]);

  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => 44, overscan: 12 });
  const items = virtual.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 20 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }, [lastIndex, rows.length, list]);

  const noFilter = !debounced && !kecamatan && !desa && !desil.length && !program && !ekstrem && !tanpaKk;
  const empty = list.isSuccess && rows.length === 0;

  return (
    <Stack gap="sm">
      <PageHeader
        title="Registri keluarga dan anggota"
        description={count.data ? countLine(count.data) : 'Data sosial DTKS/DTSEN'}
        actions={
          <>
            <Button component={Link} to="/impor/lembar-kerja" variant="default" data-testid="buat-lembar-kerja">
              Buat lembar kerja operator
            </Button>
            <Button component={Link} to="/registri/duplikat" variant="default" leftSection={<IconCopy size={16} />}>
              Periksa data ganda
            </Button>
            <Button component={Link} to="/registri/baru" leftSection={<IconPlus size={16} />}>
              Keluarga baru
            </Button>
          </>
        }
      />
      <Card withBorder radius="md" padding="sm">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            label="Cari"
            placeholder="NIK atau No KK (awal angka), nama, atau nama belakang"
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={210}
            autoFocus
            data-testid="registry-search"
          />
          <Select label="Kecamatan" placeholder="Semua" data={kecOptions} value={kecamatan} onChange={(v) => { setKecamatan(v); setDesa(null); }} clearable searchable w={165} />
          <Select label="Desa/kelurahan" placeholder="Semua" data={desaOptions} value={desa} onChange={setDesa} clearable searchable w={165} disabled={!kecamatan} />
          <MultiSelect label="Desil" placeholder="Semua" data={Array.from({ length: 10 }, (_, i) => String(i + 1))} value={desil} onChange={setDesil} w={105} clearable />
          <Select label="Status" placeholder="Semua" data={statusAnggota.map((s) => ({ value: s, label: statusLabels[s] }))} value={status} onChange={setStatus} clearable w={125} />
          <Select label="Program" placeholder="Semua" data={programs.data ?? []} value={program} onChange={setProgram} clearable w={115} />
          <Select label="Miskin ekstrem" placeholder="Semua" data={[{ value: 'ya', label: 'Ya' }, { value: 'tidak', label: 'Tidak' }]} value={ekstrem} onChange={setEkstrem} clearable w={120} />
          <Checkbox label="No KK belum diketahui" checked={tanpaKk} onChange={(e) => setTanpaKk(e.currentTarget.checked)} mt={24} data-testid="filter-tanpa-kk" />
        </Group>
      </Card>

      {empty && noFilter && status === 'aktif' ? (
        <EmptyState icon={<IconSearch size={30} />} title="Registri masih kosong" action={{ label: 'Impor data dari Excel', to: '/impor' }}>
          Data masuk lewat impor lembar Excel operator (usulan SIKS-NG, DTKS, P3KE), atau tambahkan keluarga satu per satu dengan tombol Keluarga baru.
        </EmptyState>
      ) : (
        <Card withBorder radius="md" padding={0}>
          <div style={{ display: 'grid', gridTemplateColumns: COLS, padding: '8px 12px', borderBottom: '1px solid var(--mantine-color-gray-3)', fontWeight: 600, fontSize: 13 }} role="row">
            <span>NIK</span>
            <span>Nama</span>
            <span>JK</span>
            <span>Tgl lahir</span>
            <span>Desa / kecamatan</span>
            <span>Desil</span>
            <span>Status</span>
          </div>
          <div ref={parent} style={{ height: 'calc(100vh - 330px)', minHeight: 240, overflow: 'auto' }} role="table" aria-label="Daftar anggota" data-testid="registry-list">
            {empty && <Text p="md" c="dimmed">Tidak ada yang cocok dengan pencarian/saringan ini. Ubah kata kunci atau hapus saringan.</Text>}
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const r = rows[item.index]!;
                return (
                  <div
                    key={r.id}
                    role="row"
                    tabIndex={0}
                    data-nik={r.nik}
                    onClick={() => navigate(`/registri/keluarga/${r.keluargaId}`)}
                    onKeyDown={(e) => { if (e.key === 'Enter') navigate(`/registri/keluarga/${r.keluargaId}`); }}
                    className="registry-row"
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)`, display: 'grid', gridTemplateColumns: COLS, alignItems: 'center', padding: '0 12px', borderBottom: '1px solid var(--mantine-color-gray-2)', cursor: 'pointer', fontSize: 14 }}
                  >
                    <span style={{ fontFamily: 'monospace' }}>{r.nik}</span>
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {r.nama}
                      {r.hubungan === 'Kepala Keluarga' && <Text span size="xs" c="dimmed"> · KK</Text>}
                      {r.noKk === null && <Badge size="xs" color="orange" variant="light" ml={4} title="Terdaftar dari P3KE; No KK belum diketahui">tanpa KK</Badge>}
                    </span>
                    <span>{r.jenisKelamin ?? '–'}</span>
                    <span>{r.tanggalLahir ? formatTanggal(r.tanggalLahir) : '–'}</span>
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {r.desaNama} <Text span size="xs" c="dimmed">/ {r.kecamatanNama}</Text>
                    </span>
                    <span>
                      {r.desil ?? '–'}
                      {r.miskinEkstrem && <Badge size="xs" color="red" variant="light" ml={4}>E</Badge>}
                    </span>
                    <span><StatusBadge status={r.status} /></span>
                  </div>
                );
              })}
            </div>
          </div>
          <Group p="xs" justify="space-between">
            <Text size="xs" c="dimmed">
              {formatAngka(rows.length)} ditampilkan{list.hasNextPage ? ' — gulir untuk memuat berikutnya' : ''}
            </Text>
            {list.isFetching && <Text size="xs" c="dimmed">Memuat…</Text>}
          </Group>
        </Card>
      )}
    </Stack>
  );
}

function countLine(count: RegistryCount): string {
  if ('lebihDari' in count) return `Lebih dari ${formatAngka(count.lebihDari)} orang cocok; ketik lebih lengkap untuk mempersempit`;
  return `${formatAngka(count.anggota)} orang dalam ${formatAngka(count.keluarga)} keluarga sesuai saringan`;
}
