import { ActionIcon, Badge, Button, Checkbox, Grid, Group, Kbd, Modal, MultiSelect, Paper, ScrollArea, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconPlus, IconTrash, IconUserCheck, IconUsersPlus } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { guestSchema, type CheckInCandidate, type GuestInput, type Kehadiran, type MeetingDetail, type Peserta } from '../../../shared/api/meetings';
import { applyServerIssues } from '../common/applyServerIssues';
import { FormActions } from '../common/FormActions';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { jamSekarang } from '../common/format';
import { DataTable, type DataColumn } from '../components/DataTable';
import { KehadiranBadge, useKecamatan } from './ui';

/** Present first, then excused, absent, and not yet marked. */
const kehadiranUrut: Record<Kehadiran, number> = { hadir: 0, izin: 1, tidak_hadir: 2, belum: 3 };

export function ParticipantsPanel({ meeting, editable }: { meeting: MeetingDetail; editable: boolean }) {
  const [inviteOpen, setInviteOpen] = useState(false);
  const [guestOpen, setGuestOpen] = useState(false);
  const m = meeting;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group gap="lg" data-testid="attendance-counts">
          <Text size="sm">Peserta: <b>{m.jumlahPeserta}</b></Text>
          <Text size="sm" c="green.8">Hadir: <b>{m.hadir}</b></Text>
          <Text size="sm" c="yellow.8">Izin: <b>{m.izin}</b></Text>
          <Text size="sm" c="red.8">Tidak hadir: <b>{m.tidakHadir}</b></Text>
          <Text size="sm" c="dimmed">Belum dicatat: <b>{m.belum}</b></Text>
        </Group>
        {editable && (
          <Group gap="xs">
            <Button variant="light" leftSection={<IconUsersPlus size={16} />} onClick={() => setInviteOpen(true)}>Undang operator</Button>
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setGuestOpen(true)}>Tambah peserta lain</Button>
          </Group>
        )}
      </Group>
      {editable && m.jumlahPeserta > 0 && <QuickCheckIn rapatId={m.id} />}
      {m.jumlahPeserta === 0 ? (
        <Paper withBorder p="lg"><Text c="dimmed" ta="center">Belum ada peserta. Undang operator per kecamatan (atau semua), lalu tambahkan pejabat dan instansi lain yang diundang.</Text></Paper>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8.5 }}>
            <ParticipantTable meeting={m} editable={editable} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 3.5 }}>
            <RekapDesa meeting={m} />
          </Grid.Col>
        </Grid>
      )}
      <InviteModal opened={inviteOpen} onClose={() => setInviteOpen(false)} rapatId={m.id} />
      <GuestModal opened={guestOpen} onClose={() => setGuestOpen(false)} rapatId={m.id} />
    </Stack>
  );
}

/** Type a name or NIK, press Enter: the first match is marked present with the current time. */
function QuickCheckIn({ rapatId }: { rapatId: number }) {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 150);
  const input = useRef<HTMLInputElement>(null);
  const candidates = useApiQuery('meetings.checkInCandidates', { rapatId, q: debounced }, { enabled: debounced.length >= 2 });
  const checkIn = useApiMutation('meetings.checkIn', { invalidate: ['meetings'], success: (p) => `${p.nama} dicatat hadir pukul ${p.jamDatang ?? '-'}.` });
  const list = debounced.length >= 2 ? (candidates.data ?? []) : [];
  const pick = (c: CheckInCandidate) =>
    checkIn.mutate({ rapatId, kind: c.kind, id: c.id, jamDatang: jamSekarang() }, {
      onSuccess: () => {
        setQ('');
        input.current?.focus();
      },
    });
  return (
    <Paper withBorder p="sm">
      <TextInput
        ref={input}
        label="Catat kedatangan"
        description={<>Ketik nama atau NIK, lalu tekan <Kbd size="xs">Enter</Kbd> untuk mencatat hadir dengan jam sekarang.</>}
        placeholder="mis. Rina atau 620206…"
        leftSection={<IconUserCheck size={16} />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && list[0]) {
            e.preventDefault();
            pick(list[0]);
          }
        }}
        data-testid="quick-checkin"
      />
      {list.length > 0 && (
        <Stack gap={2} mt="xs" data-testid="checkin-candidates">
          {list.map((c, i) => (
            <UnstyledButton key={`${c.kind}-${c.id}`} onClick={() => pick(c)} p={6} style={{ borderRadius: 4, background: i === 0 ? 'var(--mantine-color-teal-0)' : undefined }}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm"><b>{c.nama}</b> · {c.desaInstansi}{c.nik ? ` · NIK ${c.nik}` : ''}</Text>
                {c.kind === 'operator' ? <Badge variant="outline" size="sm">Tidak diundang — tambahkan & catat hadir</Badge> : c.kehadiran && <KehadiranBadge value={c.kehadiran} />}
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      )}
      {debounced.length >= 2 && candidates.isSuccess && list.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">Tidak ada peserta atau operator aktif dengan nama/NIK itu. Tambahkan lewat "Tambah peserta lain".</Text>
      )}
    </Paper>
  );
}

function ParticipantTable({ meeting, editable }: { meeting: MeetingDetail; editable: boolean }) {
  const set = useApiMutation('meetings.setAttendance', { invalidate: ['meetings'] });
  const remove = useApiMutation('meetings.removeParticipant', { invalidate: ['meetings'], success: 'Peserta dihapus dari daftar.' });
  const mark = (p: Peserta, kehadiran: Kehadiran, jam?: string, keterangan?: string) =>
    set.mutate({ pesertaId: p.id, kehadiran, jamDatang: kehadiran === 'hadir' ? (jam ?? p.jamDatang ?? jamSekarang()) : null, keterangan: keterangan ?? p.keterangan });
  const confirmRemove = (p: Peserta) =>
    modals.openConfirmModal({
      title: 'Hapus peserta?',
      children: <Text size="sm">{p.nama} dihapus dari daftar undangan rapat ini.</Text>,
      labels: { confirm: 'Hapus', cancel: 'Batal' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: p.id }),
    });
  const columns: DataColumn<Peserta>[] = [
    { id: 'no', header: 'No', width: 36, hideable: false, cell: (_p, i) => i + 1 },
    {
      id: 'nama',
      header: 'Nama',
      hideable: false,
      sortValue: (p) => p.nama,
      cell: (p) => (
        <>
          <Text size="sm" fw={500}>{p.nama}</Text>
          <Text size="xs" c="dimmed">{p.jabatan}{!p.diundang && ' · datang tanpa undangan'}</Text>
        </>
      ),
    },
    { id: 'desa', header: 'Desa/Instansi', sortValue: (p) => p.desaNama ?? p.instansi, cell: (p) => <><Text size="sm">{p.desaNama ?? p.instansi}</Text>{p.kecamatanNama && <Text size="xs" c="dimmed">Kec. {p.kecamatanNama}</Text>}</> },
    { id: 'noHp', header: 'No. HP', cell: (p) => <Text size="sm">{p.noHp ?? '—'}</Text> },
    {
      id: 'kehadiran',
      header: 'Kehadiran',
      hideable: false,
      sortValue: (p) => kehadiranUrut[p.kehadiran],
      cell: (p) =>
        editable ? (
          <SegmentedControl
            size="xs"
            aria-label={`Kehadiran ${p.nama}`}
            value={p.kehadiran}
            onChange={(v) => mark(p, v as Kehadiran)}
            color={p.kehadiran === 'hadir' ? 'green' : p.kehadiran === 'izin' ? 'yellow' : p.kehadiran === 'tidak_hadir' ? 'red' : 'gray'}
            data={[{ value: 'belum', label: '—' }, { value: 'hadir', label: 'Hadir' }, { value: 'izin', label: 'Izin' }, { value: 'tidak_hadir', label: 'Tidak' }]}
          />
        ) : (
          <KehadiranBadge value={p.kehadiran} />
        ),
    },
    {
      id: 'jam',
      header: 'Jam/alasan',
      width: 110,
      sortValue: (p) => p.jamDatang ?? p.keterangan,
      cell: (p) =>
        editable && p.kehadiran === 'hadir' ? (
          <TextInput
            size="xs"
            aria-label={`Jam datang ${p.nama}`}
            defaultValue={p.jamDatang ?? ''}
            key={`${p.id}-${p.jamDatang}`}
            onBlur={(e) => {
              const v = e.currentTarget.value.trim();
              if (v !== (p.jamDatang ?? '')) mark(p, 'hadir', v);
            }}
          />
        ) : editable && (p.kehadiran === 'izin' || p.kehadiran === 'tidak_hadir') ? (
          <TextInput
            size="xs"
            placeholder="Alasan"
            aria-label={`Keterangan ${p.nama}`}
            defaultValue={p.keterangan ?? ''}
            key={`${p.id}-${p.keterangan}`}
            onBlur={(e) => {
              const v = e.currentTarget.value.trim();
              if (v !== (p.keterangan ?? '')) mark(p, p.kehadiran, undefined, v);
            }}
          />
        ) : (
          <Text size="sm">{p.jamDatang ?? p.keterangan ?? ''}</Text>
        ),
    },
    {
      id: 'hapus',
      header: '',
      width: 36,
      hideable: false,
      cell: (p) =>
        editable && p.kehadiran === 'belum' && (
          <ActionIcon variant="subtle" color="red" aria-label={`Hapus ${p.nama}`} onClick={() => confirmRemove(p)}><IconTrash size={14} /></ActionIcon>
        ),
    },
  ];
  return (
    <Paper withBorder>
      <DataTable query={{ data: meeting.peserta, isLoading: false }} columns={columns} maxHeight="calc(100vh - 360px)" verticalSpacing={4} tableId="peserta-rapat"
        rowProps={(p) => ({ 'data-testid': `peserta-${p.id}` })} empty="Belum ada peserta." data-testid="participant-table" />
    </Paper>
  );
}

function RekapDesa({ meeting }: { meeting: MeetingDetail }) {
  if (meeting.rekapDesa.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="rekap-desa">
      <Title order={6} mb="xs">Keterwakilan desa per kecamatan</Title>
      <ScrollArea.Autosize mah="calc(100vh - 400px)">
        <Stack gap="sm">
          {meeting.rekapDesa.map((k) => (
            <div key={k.kode}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={500}>Kec. {k.nama}</Text>
                <Badge variant="light" color={k.tidakTerwakili.length === 0 ? 'green' : 'orange'}>{k.terwakili.length}/{k.jumlahDesa} desa</Badge>
              </Group>
              {k.tidakTerwakili.length > 0 && (
                <Text size="xs" c="dimmed">Tidak terwakili: {k.tidakTerwakili.map((d) => d.nama).join(', ')}</Text>
              )}
            </div>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

function InviteModal({ opened, onClose, rapatId }: { opened: boolean; onClose: () => void; rapatId: number }) {
  const { kecamatan } = useKecamatan();
  const [chosen, setChosen] = useState<string[]>([]);
  const invite = useApiMutation('meetings.inviteOperators', {
    invalidate: ['meetings'],
    success: (r) => `${r.ditambahkan} operator diundang${r.sudahDiundang > 0 ? `, ${r.sudahDiundang} sudah ada di daftar` : ''}.`,
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Undang operator desa/kelurahan">
      <Stack>
        <MultiSelect
          label="Kecamatan"
          description="Kosongkan untuk mengundang operator aktif dari semua kecamatan."
          placeholder={chosen.length === 0 ? 'Semua kecamatan' : undefined}
          data={kecamatan.map((k) => ({ value: k.kode, label: k.nama }))}
          value={chosen}
          onChange={setChosen}
          searchable
          data-testid="invite-kecamatan"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Batal</Button>
          <Button loading={invite.isPending} onClick={() => invite.mutate({ rapatId, kecamatanKodes: chosen }, { onSuccess: () => { setChosen([]); onClose(); } })}>
            Undang {chosen.length === 0 ? 'semua operator aktif' : `operator ${chosen.length} kecamatan`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function GuestModal({ opened, onClose, rapatId }: { opened: boolean; onClose: () => void; rapatId: number }) {
  const form = useForm<GuestInput>({ resolver: zodResolver(guestSchema) as never, defaultValues: { rapatId, nama: '', instansi: '', jabatan: '', noHp: '', nik: '', diundang: true } });
  const add = useApiMutation('meetings.addGuest', { invalidate: ['meetings'], success: (p) => `${p.nama} ditambahkan.` });
  const submit = form.handleSubmit((v) =>
    add.mutate({ ...v, rapatId }, {
      onSuccess: () => {
        form.reset({ rapatId, nama: '', instansi: v.instansi, jabatan: '', noHp: '', nik: '', diundang: v.diundang });
        onClose();
      },
      onError: (e) => applyServerIssues(e, form.setError),
    }),
  );
  const err = form.formState.errors;
  return (
    <Modal opened={opened} onClose={onClose} title="Tambah peserta (pejabat, instansi lain, atau tamu)" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={2}>
            <TextInput label="Nama" withAsterisk data-autofocus {...form.register('nama')} error={err.nama?.message} />
            <TextInput label="Instansi/unsur" withAsterisk placeholder="mis. Bappelitbangda, Kecamatan Baamang" {...form.register('instansi')} error={err.instansi?.message} />
            <TextInput label="Jabatan" {...form.register('jabatan')} error={err.jabatan?.message} />
            <TextInput label="No. HP" {...form.register('noHp')} error={err.noHp?.message} />
          </SimpleGrid>
          <Controller control={form.control} name="diundang" render={({ field }) => (
            <Checkbox label="Diundang (kosongkan bila datang langsung tanpa undangan; langsung dicatat hadir)" checked={!!field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />
          )} />
          <FormActions onCancel={onClose} loading={add.isPending} submitLabel="Tambahkan" />
        </Stack>
      </form>
    </Modal>
  );
}
