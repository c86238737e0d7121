import { Alert, Button, Checkbox, Group, NumberInput, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { meetingDocumentKinds, meetingDocumentLabels, type MeetingDetail, type MeetingDocumentKind } from '../../../shared/api/meetings';
import { isDesktop } from '../api/client';
import { saveFile } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { useMay } from './ui';
import { ERROR_INLINE } from '../api/queryErrors';

/** Preview of the undangan, daftar hadir or notulen as printed, with print and save-as-PDF. */
export function DocumentsPanel({ meeting }: { meeting: MeetingDetail }) {
  const may = useMay();
  const [kind, setKind] = useState<MeetingDocumentKind>('daftarHadir');
  const [barisKosong, setBarisKosong] = useState(5);
  const [hanyaHadir, setHanyaHadir] = useState(false);
  const [landscape, setLandscape] = useState(true);
  const input = { rapatId: meeting.id, kind, barisKosong, hanyaHadir, landscape };
  const preview = useApiQuery('meetings.previewDocument', input, { staleTime: 0, meta: ERROR_INLINE });
  const pdf = useApiMutation('meetings.documentPdf', { invalidate: ['meetings'] });
  const print = useApiMutation('meetings.printDocument', { invalidate: ['meetings'] });
  const frame = useRef<HTMLIFrameElement>(null);
  const printWhenLoaded = useRef(false);

  const doPrint = () =>
    print.mutate(input, {
      onSuccess: async () => {
        if (isDesktop) return;
        // Browser mode: the main side recorded the print (and gave the notulen its number); print the refreshed preview.
        const before = preview.data?.html;
        const fresh = await preview.refetch();
        if (fresh.data?.html !== before) printWhenLoaded.current = true;
        else frame.current?.contentWindow?.print();
      },
    });
  const onFrameLoad = () => {
    if (!printWhenLoaded.current) return;
    printWhenLoaded.current = false;
    frame.current?.contentWindow?.print();
  };
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <SegmentedControl value={kind} onChange={(v) => setKind(v as MeetingDocumentKind)} data={meetingDocumentKinds.map((k) => ({ value: k, label: meetingDocumentLabels[k] }))} data-testid="document-kind" />
          {kind === 'daftarHadir' && (
            <>
              <NumberInput label="Baris kosong" value={barisKosong} onChange={(v) => setBarisKosong(typeof v === 'number' ? v : 0)} min={0} max={60} w={110} />
              <Checkbox label="Hanya yang hadir" checked={hanyaHadir} onChange={(e) => setHanyaHadir(e.currentTarget.checked)} mb={6} />
              <Checkbox label="Mendatar (landscape)" checked={landscape} onChange={(e) => setLandscape(e.currentTarget.checked)} mb={6} />
            </>
          )}
        </Group>
        {may('documents.print') && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={doPrint} disabled={!preview.data} loading={print.isPending}>Cetak</Button>
            <Button leftSection={<IconFileTypePdf size={16} />} disabled={!preview.data} loading={pdf.isPending} onClick={() => pdf.mutate(input, { onSuccess: (ref) => void saveFile(ref) })}>Simpan PDF</Button>
          </Group>
        )}
      </Group>
      {preview.error ? (
        <Alert color="yellow">{preview.error.message}</Alert>
      ) : (
        <Paper withBorder bg="gray.1" p="xs">
          {preview.data ? (
            <iframe
              ref={frame}
              title={preview.data.title}
              sandbox="allow-modals allow-same-origin"
              srcDoc={preview.data.html}
              onLoad={onFrameLoad}
              style={{ width: '100%', height: 'calc(100vh - 300px)', minHeight: 420, border: 0, background: 'white' }}
              data-testid="document-preview"
            />
          ) : (
            <Text c="dimmed" p="md">Menyiapkan pratinjau…</Text>
          )}
        </Paper>
      )}
      <Text size="xs" c="dimmed">Kertas mengikuti pengaturan kantor. Setiap cetak dan PDF tercatat di log audit.</Text>
    </Stack>
  );
}
