import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Badge, Button, Card, Center, Grid, Group, Loader, Modal, Select, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconLogout, IconPlus, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { anggotaInputSchema, keluargaInputSchema, statusLabels, type AnggotaDetail, type KeluargaDetail } from '../../../shared/api/registry';
import { formatTanggal } from '../../../shared/domain/tanggal';
import type { ApiError } from '../api/client';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { applyServerIssues } from '../common/applyServerIssues';
import { FormActions } from '../common/FormActions';
import { PageHeader } from '../common/PageHeader';
import { DataTable, type DataColumn } from '../components/DataTable';
import { AnggotaFields, KeluargaFields } from './fields';
import { emptyAnggota } from './NewKeluargaPage';
import { DateField, StatusBadge } from './ui';
import { hariIni, waktu } from '../common/format';
import { ERROR_INLINE } from '../api/queryErrors';

type AnggotaIn = z.input<typeof anggotaInputSchema>;
type AnggotaOut = z.output<typeof anggotaInputSchema>;
type KeluargaIn = z.input<typeof keluargaInputSchema>;
type KeluargaOut = z.output<typeof keluargaInputSchema>;

function toAnggotaInput(a: AnggotaDetail): AnggotaIn {
  return {
    nik: a.nik, nama: a.nama, jenisKelamin: a.jenisKelamin ?? 'L', tempatLahir: a.tempatLahir ?? '', tanggalLahir: a.tanggalLahir,
    hubungan: (a.hubungan ?? 'Lainnya') as AnggotaIn['hubungan'], ibuKandung: a.ibuKandung ?? '', statusKawin: a.statusKawin ?? '', pekerjaan: a.pekerjaan ?? '',
    pendidikan: a.pendidikan ?? '', disabilitas: a.disabilitas ?? '', hamil: a.hamil, padan: a.padan, idDtks: a.idDtks ?? '', programs: a.programs,
  };
}

/** The family's members; the last column edits a member or records them leaving (or back). */
const anggotaColumns = (onEdit: (a: AnggotaDetail) => void, onStatus: (a: AnggotaDetail) => void): DataColumn<AnggotaDetail>[] => [
  { id: 'nik', header: 'NIK', sortValue: (a) => a.nik, cell: (a) => <Text span ff="monospace" size="sm">{a.nik}</Text> },
  {
    id: 'nama',
    header: 'Nama',
    hideable: false,
    sortValue: (a) => a.nama,
    cell: (a) => (
      <>
        {a.nama}
        {a.p3keResikoStunting && <Badge size="xs" color="grape" variant="light" ml={4}>risiko stunting</Badge>}
      </>
    ),
  },
  { id: 'hubungan', header: 'Hubungan', sortValue: (a) => a.hubungan, cell: (a) => a.hubungan ?? '–' },
  { id: 'jk', header: 'JK', sortValue: (a) => a.jenisKelamin, cell: (a) => a.jenisKelamin ?? '–' },
  { id: 'lahir', header: 'Lahir', sortValue: (a) => a.tanggalLahir, cell: (a) => [a.tempatLahir, a.tanggalLahir ? formatTanggal(a.tanggalLahir) : null].filter(Boolean).join(', ') || '–' },
  { id: 'padan', header: 'Padan', sortValue: (a) => a.padan, cell: (a) => (a.padan === 'padan' ? 'Padan' : a.padan === 'tidak_padan' ? 'Tidak padan' : 'Belum') },
  { id: 'program', header: 'Program', cell: (a) => a.programs.map((p) => <Badge key={p} size="xs" variant="outline" mr={2}>{p}</Badge>) },
  {
    id: 'status',
    header: 'Status',
    sortValue: (a) => a.status,
    cell: (a) => (
      <>
        <StatusBadge status={a.status} />
        {a.status !== 'aktif' && (
          <Text size="xs" c="dimmed">
            {a.statusTanggal ? formatTanggal(a.statusTanggal) : ''} {a.statusAlasan}
          </Text>
        )}
      </>
    ),
  },
  {
    id: 'aksi',
    header: '',
    hideable: false,
    cell: (a) => (
      <Group gap={4} wrap="nowrap">
        <Button size="xs" variant="subtle" onClick={() => onEdit(a)} aria-label={`Ubah ${a.nama}`}>Ubah</Button>
        <Button size="xs" variant="subtle" color={a.status === 'aktif' ? 'orange' : 'green'} leftSection={a.status === 'aktif' ? <IconLogout size={14} /> : <IconUserCheck size={14} />} onClick={() => onStatus(a)} data-testid={`status-${a.nik}`}>
          {a.status === 'aktif' ? 'Keluar' : 'Aktifkan'}
        </Button>
      </Group>
    ),
  },
];

function AnggotaModal({ keluargaId, anggota, onClose }: { keluargaId: number; anggota: AnggotaDetail | null; onClose: () => void }) {
  const form = useForm<AnggotaIn, unknown, AnggotaOut>({
    resolver: zodResolver(anggotaInputSchema),
    defaultValues: anggota ? toAnggotaInput(anggota) : ({ ...emptyAnggota, hubungan: 'Anak' } as unknown as AnggotaIn),
    mode: 'onTouched',
  });
  const add = useApiMutation('registry.addAnggota', { invalidate: ['registry'], success: 'Anggota ditambahkan.', quietErrors: true });
  const update = useApiMutation('registry.updateAnggota', { invalidate: ['registry'], success: 'Perubahan tersimpan.', quietErrors: true });
  const onError = (e: ApiError) => {
    if (applyServerIssues(e, form.setError, '')) return;
    if ((e.details as { field?: string } | undefined)?.field === 'nik') form.setError('nik', { message: e.message });
    else form.setError('root', { message: e.message });
  };
  const submit = form.handleSubmit((data) => {
    if (anggota) update.mutate({ id: anggota.id, anggota: data }, { onSuccess: onClose, onError });
    else add.mutate({ keluargaId, anggota: data }, { onSuccess: onClose, onError });
  });
  return (
    <Modal opened onClose={onClose} title={anggota ? `Ubah data ${anggota.nama}` : 'Tambah anggota keluarga'} size="xl">
      <FormProvider {...form}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <AnggotaFields />
          {form.formState.errors.root && <Alert color="red" mt="sm">{form.formState.errors.root.message}</Alert>}
          <FormActions onCancel={onClose} loading={add.isPending || update.isPending} submitTestId="anggota-simpan" mt="md" />
        </form>
      </FormProvider>
    </Modal>
  );
}

function KeluargaModal({ keluarga, onClose }: { keluarga: KeluargaDetail; onClose: () => void }) {
  const form = useForm<KeluargaIn, unknown, KeluargaOut>({
    resolver: zodResolver(keluargaInputSchema),
    defaultValues: {
      noKk: keluarga.noKk ?? '', alamat: keluarga.alamat, dusun: keluarga.dusun ?? '', rt: keluarga.rt ?? '', rw: keluarga.rw ?? '', desaKode: keluarga.desaKode,
      idDtks: keluarga.idDtks ?? '', desil: keluarga.desil, miskinEkstrem: keluarga.miskinEkstrem, catatan: keluarga.catatan ?? '',
    },
    mode: 'onTouched',
  });
  const navigate = useNavigate();
  const update = useApiMutation('registry.updateKeluarga', { invalidate: ['registry'], success: 'Data keluarga tersimpan.', quietErrors: true });
  const submit = form.handleSubmit((data) =>
    update.mutate(
      // The family as this form loaded it: a save on an older copy is refused (issue 18), never overwrites.
      { id: keluarga.id, keluarga: data, versi: keluarga.updatedAt },
      {
        // A No KK another family already has merges this one into it: that family's page is shown.
        onSuccess: (saved) => {
          onClose();
          if (saved.id !== keluarga.id) navigate(`/registri/keluarga/${saved.id}`);
        },
        onError: (e: ApiError) => {
          if (applyServerIssues(e, form.setError, '')) return;
          if ((e.details as { field?: string } | undefined)?.field === 'noKk') form.setError('noKk', { message: e.message });
          else form.setError('root', { message: e.message });
        },
      },
    ),
  );
  return (
    <Modal opened onClose={onClose} title="Ubah data keluarga" size="xl">
      <FormProvider {...form}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <KeluargaFields initialKecamatan={keluarga.kecamatanKode} noKkOptional={keluarga.noKk === null} />
          {form.formState.errors.root && <Alert color="red" mt="sm">{form.formState.errors.root.message}</Alert>}
          <FormActions onCancel={onClose} loading={update.isPending} mt="md" />
        </form>
      </FormProvider>
    </Modal>
  );
}

function StatusModal({ anggota, onClose }: { anggota: AnggotaDetail; onClose: () => void }) {
  const returning = anggota.status !== 'aktif';
  const [status, setStatus] = useState<string | null>(returning ? 'aktif' : null);
  const [tanggal, setTanggal] = useState<string | null>(hariIni());
  const [alasan, setAlasan] = useState('');
  const [error, setError] = useState<string | null>(null);
  const change = useApiMutation('registry.setStatus', { invalidate: ['registry'], success: 'Status anggota diperbarui.', quietErrors: true });
  const options = returning ? [{ value: 'aktif', label: 'Aktif kembali' }] : (['pindah', 'meninggal', 'keluar'] as const).map((s) => ({ value: s, label: statusLabels[s] }));
  const save = () => {
    if (!status || !tanggal || alasan.trim().length < 3) {
      setError('Pilih status, tanggal, dan tulis alasannya.');
      return;
    }
    change.mutate({ id: anggota.id, status: status as 'aktif', tanggal, alasan: alasan.trim() }, { onSuccess: onClose, onError: (e) => setError(e.message) });
  };
  return (
    <Modal opened onClose={onClose} title={returning ? `${anggota.nama} kembali aktif` : `${anggota.nama} keluar dari registri`}>
      <Stack>
        <Text size="sm" c="dimmed">Data tidak dihapus: status, tanggal dan alasan dicatat di riwayat.</Text>
        <Select label="Status baru" data={options} value={status} onChange={setStatus} withAsterisk data-testid="status-baru" />
        <DateField label="Sejak tanggal" value={tanggal} onChange={setTanggal} required />
        <Textarea label="Alasan" withAsterisk value={alasan} onChange={(e) => setAlasan(e.currentTarget.value)} maxLength={300} placeholder="mis. pindah domisili ke Kab. Seruyan; meninggal dunia (akta kematian no. …); graduasi mandiri" data-testid="status-alasan" />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Batal</Button>
          <Button color={returning ? 'green' : 'orange'} onClick={save} loading={change.isPending} data-testid="status-simpan">Simpan status</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function KeluargaPage() {
  const id = Number(useParams().id);
  const detail = useApiQuery('registry.keluarga', { id }, { enabled: Number.isInteger(id) && id > 0, meta: ERROR_INLINE });
  const [editFamily, setEditFamily] = useState(false);
  const [member, setMember] = useState<AnggotaDetail | 'new' | null>(null);
  const [statusOf, setStatusOf] = useState<AnggotaDetail | null>(null);

  if (detail.isLoading) return <Center py="xl"><Loader /></Center>;
  if (detail.error || !detail.data) {
    return (
      <Alert color="red" title="Keluarga tidak dapat dibuka">
        {detail.error?.message ?? 'Tidak ditemukan.'} <Link to="/registri">Kembali ke registri</Link>
      </Alert>
    );
  }
  const k = detail.data;
  return (
    <Stack>
      <PageHeader
        title={`Keluarga ${k.kepala ?? ''}`.trim()}
        description={`${k.noKk !== null ? `No KK ${k.noKk}` : 'No KK belum diketahui'} · ${k.desaNama}, Kec. ${k.kecamatanNama}`}
        actions={
          <>
            <Button component={Link} to="/registri" variant="default" leftSection={<IconArrowLeft size={16} />}>Registri</Button>
            <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditFamily(true)}>Ubah keluarga</Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setMember('new')} data-testid="anggota-tambah">Tambah anggota</Button>
          </>
        }
      />
      {k.digabungKe !== null && (
        <Alert color="gray" title="Keluarga ini sudah digabung" data-testid="keluarga-digabung">
          Data P3KE keluarga ini ternyata keluarga yang sama dengan keluarga yang sudah ber-No KK; anggota dan data P3KE-nya dipindahkan ke sana. <Link to={`/registri/keluarga/${k.digabungKe}`}>Buka keluarga tersebut</Link>
        </Alert>
      )}
      {k.noKk === null && k.digabungKe === null && (
        <Alert color="orange" title="No KK belum diketahui" data-testid="keluarga-tanpa-kk">
          Keluarga ini terdaftar dari data P3KE dengan ID Keluarga P3KE saja. Lengkapi No KK lewat Ubah keluarga; bila No KK itu sudah tercatat pada keluarga lain, keduanya digabung. Impor DTKS yang memuat anggotanya juga mengisinya.
        </Alert>
      )}
      <Card withBorder radius="md">
        <Grid>
          {[
            ['No KK', k.noKk ?? 'Belum diketahui'],
            ['Alamat', `${k.alamat}${k.rt ? `, RT ${k.rt}` : ''}${k.rw ? `/RW ${k.rw}` : ''}${k.dusun ? `, ${k.dusun}` : ''}`],
            ['Desa/kelurahan', `${k.desaNama} (${k.desaKode})`],
            ['Kecamatan', k.kecamatanNama],
            ['ID DTKS/DTSEN', k.idDtks ?? '–'],
            ['Desil', k.desil ? String(k.desil) : '–'],
            ['Miskin ekstrem', k.miskinEkstrem ? 'Ya' : 'Tidak'],
            ['Sumber data', k.sumber ?? '–'],
          ].map(([label, value]) => (
            <Grid.Col key={label} span={{ base: 6, md: 3 }}>
              <Text size="xs" c="dimmed">{label}</Text>
              <Text size="sm" fw={500}>{value}</Text>
            </Grid.Col>
          ))}
          {k.p3ke && (
            <Grid.Col span={12} data-testid="keluarga-p3ke">
              <Text size="xs" c="dimmed" fw={600} mt="xs">Data P3KE</Text>
              <Grid>
                {[
                  ['ID Keluarga P3KE', k.p3ke.idKeluarga],
                  ['Verifikasi terakhir', k.p3ke.tahun !== null ? String(k.p3ke.tahun) : '–'],
                  ['Memenuhi kriteria P3KE', k.p3ke.memenuhi ?? '–'],
                  ['Prioritas', k.p3ke.prioritas ?? '–'],
                  ['Persentil', k.p3ke.persentil !== null ? String(k.p3ke.persentil).replace('.', ',') : '–'],
                  ['Resiko stunting', k.p3ke.resikoStunting === null ? (k.anggota.some((a) => a.p3keResikoStunting) ? 'Ya (anggota)' : '–') : k.p3ke.resikoStunting ? 'Ya' : 'Tidak'],
                  ...(k.p3ke.keterangan ? [['Keterangan verval', k.p3ke.keterangan]] : []),
                ].map(([label, value]) => (
                  <Grid.Col key={label} span={{ base: 6, md: 3 }}>
                    <Text size="xs" c="dimmed">{label}</Text>
                    <Text size="sm" fw={500}>{value}</Text>
                  </Grid.Col>
                ))}
              </Grid>
            </Grid.Col>
          )}
          {k.catatan && (
            <Grid.Col span={12}>
              <Text size="xs" c="dimmed">Catatan</Text>
              <Text size="sm">{k.catatan}</Text>
            </Grid.Col>
          )}
        </Grid>
      </Card>

      <Card withBorder radius="md" padding={0}>
        <Title order={4} p="sm">Anggota keluarga ({k.anggota.length})</Title>
        <DataTable query={{ data: k.anggota, isLoading: false }} columns={anggotaColumns(setMember, setStatusOf)} fz="sm" verticalSpacing={7} tableId="anggota" rowProps={(a) => ({ 'data-nik': a.nik })} data-testid="anggota-table" />
      </Card>

      <Card withBorder radius="md">
        <Title order={4} mb="sm">Riwayat perubahan</Title>
        {k.history.length === 0 ? (
          <Text size="sm" c="dimmed">Belum ada perubahan tercatat.</Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} data-testid="riwayat">
            {k.history.map((h, i) => (
              <Timeline.Item key={i} title={<Text size="sm" fw={500}>{h.summary || h.action}</Text>}>
                <Text size="xs" c="dimmed">{waktu(h.at)} · {h.username ?? 'sistem'} · {h.entity === 'anggota' ? `anggota #${h.entityId}` : 'keluarga'}</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Card>

      {editFamily && <KeluargaModal keluarga={k} onClose={() => setEditFamily(false)} />}
      {member && <AnggotaModal keluargaId={k.id} anggota={member === 'new' ? null : member} onClose={() => setMember(null)} />}
      {statusOf && <StatusModal anggota={statusOf} onClose={() => setStatusOf(null)} />}
    </Stack>
  );
}
