import { Alert, Badge, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconPrinter } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { DocumentKind } from '../../../shared/api/handovers';
import { isDesktop } from '../api/client';
import { saveFile } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { ERROR_INLINE } from '../api/queryErrors';

const kindTitle: Record<DocumentKind, string> = { bast: 'Berita Acara Serah Terima', tandaTerima: 'Daftar Tanda Terima' };

/**
 * The document exactly as it prints, in a frame that runs no scripts. Print and "Simpan PDF" take the BAST
 * number on first use and record the print in the audit log; both use this same HTML.
 */
export function DocumentModal(props: { penyerahanId: number; kind: DocumentKind; penerimaId?: number | null; onClose: () => void; canPrint: boolean }) {
  const input = { penyerahanId: props.penyerahanId, kind: props.kind, penerimaId: props.penerimaId ?? null };
  const preview = useApiQuery('handovers.preview', input, { meta: ERROR_INLINE });
  const print = useApiMutation('handovers.print', { invalidate: ['handovers'] });
  const pdf = useApiMutation('handovers.savePdf', { invalidate: ['handovers'] });
  const frame = useRef<HTMLIFrameElement>(null);
  const [printedHtml, setPrintedHtml] = useState<string | null>(null);
  const html = printedHtml ?? preview.data?.html ?? '';
  const blocked = preview.data?.hambatanCetak ?? [];

  const doPrint = () =>
    print.mutate(input, {
      onSuccess: (out) => {
        setPrintedHtml(out.html);
        if (out.printed) {
          notifications.show({ color: 'green', message: 'Dokumen dikirim ke printer.' });
          return;
        }
        // Browser mode: print the frame once it shows the numbered document.
        const el = frame.current;
        if (!el) return;
        const go = () => {
          el.removeEventListener('load', go);
          el.contentWindow?.focus();
          el.contentWindow?.print();
        };
        if (out.html === html) go();
        else el.addEventListener('load', go);
      },
    });
  const doPdf = () =>
    pdf.mutate(input, {
      onSuccess: async (file) => {
        const saved = await saveFile(file);
        if (saved) notifications.show({ color: 'green', message: `${file.name} disimpan.` });
        preview.refetch().catch(() => undefined);
      },
    });

  return (
    <Modal opened onClose={props.onClose} size="calc(100vw - 80px)" title={preview.data?.title ?? kindTitle[props.kind]} styles={{ body: { paddingBottom: 8 } }}>
      <Stack gap="xs">
        {blocked.length > 0 && (
          <Alert color="red" title="Belum dapat dicetak">
            {blocked.map((b) => <Text key={b} size="sm">{b}</Text>)}
          </Alert>
        )}
        <Group justify="space-between">
          <Group gap="xs">
            {preview.data && <Badge variant="light">{preview.data.paper} {preview.data.landscape ? 'mendatar' : 'tegak'}</Badge>}
            {preview.data?.nomorSementara && !printedHtml && <Text size="sm" c="dimmed">Nomor BAST diberikan saat pertama kali dicetak atau disimpan sebagai PDF.</Text>}
          </Group>
          {props.canPrint && (
            <Group gap="xs">
              <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} onClick={doPdf} loading={pdf.isPending} disabled={blocked.length > 0 || !preview.data} data-testid="doc-pdf">
                Simpan PDF
              </Button>
              <Button leftSection={<IconPrinter size={16} />} onClick={doPrint} loading={print.isPending} disabled={blocked.length > 0 || !preview.data} data-testid="doc-print">
                {isDesktop ? 'Cetak…' : 'Cetak'}
              </Button>
            </Group>
          )}
        </Group>
        {preview.isLoading ? (
          <Group justify="center" p="xl"><Loader /></Group>
        ) : preview.error && !printedHtml ? (
          <Alert color="red" title="Pratinjau tidak dapat dibuat" data-testid="doc-error">
            <Text size="sm">{preview.error.message}</Text>
            <Button mt="xs" size="xs" variant="default" onClick={() => void preview.refetch()}>Coba lagi</Button>
          </Alert>
        ) : (
          <iframe
            ref={frame}
            title="Pratinjau dokumen"
            // No scripts ever run inside; same-origin only so that browser mode can call print() on it.
            sandbox="allow-same-origin allow-modals"
            srcDoc={html}
            style={{ width: '100%', height: 'calc(100vh - 230px)', border: '1px solid var(--mantine-color-gray-4)', background: '#fff' }}
            data-testid="doc-frame"
          />
        )}
      </Stack>
    </Modal>
  );
}
