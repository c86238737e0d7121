import { Button, Checkbox, Grid, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { minutesSchema, rapatSudahDimulai, type MeetingDetail } from '../../../shared/api/meetings';
import { applyServerIssues } from '../common/applyServerIssues';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { hariIni, jamSekarang, labelZona, tgl } from '../common/format';
import { FollowUpsOfMeeting } from './FollowUpsOfMeeting';

interface MinutesForm {
  notulis: { nama: string; jabatan: string; nip: string; pangkat: string };
  pembukaan: string;
  agenda: { id: number; pembahasan: string; keputusan: string }[];
  selesai: boolean;
}

const sudahDimulai = (m: MeetingDetail) => rapatSudahDimulai(m, { tanggal: hariIni(), jam: jamSekarang() });

function toForm(m: MeetingDetail, fallbackNama: string): MinutesForm {
  return {
    notulis: m.notulis ?? { nama: fallbackNama, jabatan: '', nip: '', pangkat: '' },
    pembukaan: m.pembukaan ?? '',
    agenda: m.agenda.map((a) => ({ id: a.id, pembahasan: a.pembahasan, keputusan: a.keputusan.join('\n') })),
    // Only a meeting that has begun on the office's clock can be recorded as held.
    selesai: sudahDimulai(m),
  };
}

/** Minutes: discussion and decisions per agenda item, the note-taker, and the follow-ups below. */
export function MinutesPanel({ meeting, editable }: { meeting: MeetingDetail; editable: boolean }) {
  const session = useApiQuery('auth.current', undefined);
  const form = useForm<MinutesForm>({ defaultValues: toForm(meeting, session.data?.nama ?? '') });
  const save = useApiMutation('meetings.saveMinutes', { invalidate: ['meetings'], success: 'Notulen disimpan.' });

  useEffect(() => {
    if (!form.formState.isDirty) form.reset(toForm(meeting, session.data?.nama ?? ''));
  }, [meeting, session.data, form]);

  const submit = form.handleSubmit((v) => {
    const input = {
      rapatId: meeting.id,
      notulis: v.notulis,
      pembukaan: v.pembukaan,
      selesai: v.selesai,
      agenda: v.agenda.map((a) => ({ id: a.id, pembahasan: a.pembahasan, keputusan: a.keputusan.split('\n').map((s) => s.trim()).filter(Boolean) })),
    };
    const parsed = minutesSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) form.setError(issue.path.join('.') as never, { message: issue.message });
      return;
    }
    save.mutate(input, { onSuccess: (m) => form.reset(toForm(m, '')), onError: (e) => applyServerIssues(e, form.setError) });
  });
  const err = form.formState.errors;
  return (
    <Stack>
      <form onSubmit={submit} noValidate>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={5}>Notulen</Title>
            {editable && (
              <Group>
                <Checkbox
                  label='Tandai rapat "Selesai"'
                  {...form.register('selesai')}
                  disabled={meeting.status !== 'rencana' || !sudahDimulai(meeting)}
                  description={meeting.status === 'rencana' && !sudahDimulai(meeting) ? `Rapat belum dimulai (${meeting.jamMulai} ${labelZona()}, ${tgl(meeting.tanggal)})` : undefined}
                />
                <Button type="submit" loading={save.isPending} disabled={!form.formState.isDirty && !!meeting.notulis}>Simpan notulen</Button>
              </Group>
            )}
          </Group>
          <Grid gap="sm">
            <Grid.Col span={4}><TextInput label="Notulis" withAsterisk readOnly={!editable} {...form.register('notulis.nama')} error={err.notulis?.nama?.message} /></Grid.Col>
            <Grid.Col span={4}><TextInput label="Jabatan notulis" withAsterisk readOnly={!editable} {...form.register('notulis.jabatan')} error={err.notulis?.jabatan?.message} /></Grid.Col>
            <Grid.Col span={4}><TextInput label="NIP notulis" readOnly={!editable} {...form.register('notulis.nip')} error={err.notulis?.nip?.message} /></Grid.Col>
            <Grid.Col span={12}><Textarea label="Pembukaan" autosize minRows={2} readOnly={!editable} {...form.register('pembukaan')} error={err.pembukaan?.message} /></Grid.Col>
          </Grid>
          {meeting.agenda.map((a, i) => (
            <Paper key={a.id} withBorder p="sm" mt="sm" bg="gray.0">
              <Text fw={600} mb={4}>{i + 1}. {a.judul}</Text>
              <Grid gap="sm">
                <Grid.Col span={7}>
                  <Textarea label="Pembahasan" description="Pisahkan paragraf dengan baris kosong." autosize minRows={4} readOnly={!editable} aria-label={`Pembahasan agenda ${i + 1}`} {...form.register(`agenda.${i}.pembahasan`)} error={err.agenda?.[i]?.pembahasan?.message} />
                </Grid.Col>
                <Grid.Col span={5}>
                  <Textarea label="Keputusan/kesimpulan" description="Satu keputusan per baris." autosize minRows={4} readOnly={!editable} aria-label={`Keputusan agenda ${i + 1}`} {...form.register(`agenda.${i}.keputusan`)} error={err.agenda?.[i]?.keputusan?.message} />
                </Grid.Col>
              </Grid>
            </Paper>
          ))}
        </Paper>
      </form>
      <FollowUpsOfMeeting meeting={meeting} editable={editable} />
    </Stack>
  );
}
