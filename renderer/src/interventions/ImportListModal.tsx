import type { UploadRef } from '../../../shared/api/files';
import { Alert, Button, FileButton, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { PREVIEW_ROW_LIMIT, type PreviewRow } from '../../../shared/api/imports';
import { listFieldLabels, listFields, type ImportIntervensiResult, type ListField } from '../../../shared/api/interventions';
import { saveFile, uploadPickedFileOrNotify } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { MappingEditor, ProblemRows } from '../imports';

/** What a column of an agency's list may be read as, for the registry import's mapping screen. */
const LIST_FIELD_OPTIONS = listFields.map((key) => ({ key, label: listFieldLabels[key] }));

/** A refused row in the registry import's preview shape. */
function asPreviewRow(r: ImportIntervensiResult['rejected'][number]): PreviewRow {
  return { row: r.row, outcome: 'rejected', nik: r.nik, nama: r.nama, noKk: null, desa: null, reasons: r.reasons.map((message) => ({ code: 'INTERVENSI', message })), warnings: [] };
}

/**
 * An agency's list, through the registry import's steps: the header found by the same reader, the columns
 * shown on the same mapping screen (opened when NIK, kind or date was not found), checked first (nothing
 * written) with the refused rows listed and given back as the same rejected-rows file, then the good rows saved
 * in one go.
 */
export function ImportListModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [file, setFile] = useState<UploadRef | null>(null);
  const [opd, setOpd] = useState('');
  const [preview, setPreview] = useState<ImportIntervensiResult | null>(null);
  // Unknown kinds of the list, mapped once for the whole sheet: an existing kind's id, or 'baru'.
  const [peta, setPeta] = useState<Record<string, number | 'baru'>>({});
  // The user's column mapping (header text → field), once corrected on the mapping screen.
  const [mapping, setMapping] = useState<Record<string, ListField | ''> | undefined>(undefined);
  // A refused file is explained inside the dialog (and stays there), not in a toast that vanishes.
  const run = useApiMutation('interventions.importList', { invalidate: ['interventions', 'dashboard'], quietErrors: true });
  const opdList = useApiQuery('interventions.opdList', undefined, { enabled: opened });
  const chosen = opdList.data?.find((o) => o.nama === opd);
  const close = () => {
    run.reset();
    setFile(null);
    setPreview(null);
    setPeta({});
    setMapping(undefined);
    onClose();
  };
  const check = (m = mapping) => file && run.mutate({ ...file, opd, dryRun: true, petaJenis: peta, ...(m ? { mapping: m } : {}) }, { onSuccess: setPreview });
  const commit = () =>
    file &&
    run.mutate({ ...file, opd, dryRun: false, petaJenis: peta, ...(mapping ? { mapping } : {}) }, {
      onSuccess: (r) => {
        setPreview(r);
        if (r.rejected.length === 0) close();
      },
    });
  const good = preview ? preview.dataRows - preview.rejected.length : 0;
  const kurang = preview?.kolomKurang ?? [];
  return (
    <Modal opened={opened} onClose={close} title="Impor daftar intervensi dari OPD" size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          Berkas Excel (.xlsx, .xls), LibreOffice (.ods) atau .csv dengan kolom NIK, Jenis bantuan, Tanggal, dan (bila ada) Nilai; baris judul dan baris nomor kolom dikenali. Judul kolom yang lain dapat dipetakan setelah diperiksa. Penerima dicocokkan dengan registri lewat NIK.
        </Text>
        <Group align="flex-end">
          <Select
            label="OPD pemberi"
            placeholder="Pilih OPD"
            searchable
            data={(opdList.data ?? []).map((o) => ({ value: o.nama, label: o.singkatan ? `${o.nama} (${o.singkatan})` : o.nama }))}
            value={opd || null}
            onChange={(v) => (setOpd(v ?? ''), setPreview(null), setPeta({}))}
            w={340}
          />
          <FileButton onChange={async (f) => f && (setPreview(null), setMapping(undefined), setFile(await uploadPickedFileOrNotify(f, 'import')))} accept=".xlsx,.xls,.ods,.csv">
            {(props) => <Button variant="default" {...props}>{file ? file.fileName : 'Pilih berkas…'}</Button>}
          </FileButton>
          <Button onClick={() => check()} disabled={!file || opd.trim().length < 2} loading={run.isPending && !preview}>Periksa</Button>
        </Group>
        {run.error && (
          <Alert color="red" title="Berkas tidak dapat diimpor" data-testid="impor-gagal">
            {run.error.message}
          </Alert>
        )}
        {preview && preview.tidakDikenal.length > 0 && (
          <Stack gap="xs" data-testid="pemetaan-jenis">
            <Alert color="blue" title="Jenis yang belum dikenal">
              Jenis berikut belum ada di daftar {preview.opd}. Pilih jenis yang sama, atau tambahkan sebagai jenis baru; pilihan berlaku untuk seluruh berkas. Lalu periksa lagi.
            </Alert>
            {preview.tidakDikenal.map((u) => (
              <Group key={u.nilai} align="flex-end">
                <Text w={260} size="sm">"{u.nilai}" <Text span c="dimmed" size="xs">(baris {u.baris})</Text></Text>
                <Select
                  aria-label={`Petakan ${u.nilai}`}
                  placeholder={u.saran ? `Saran: ${u.saran.nama}` : 'Pilih…'}
                  data={[{ value: 'baru', label: `Tambahkan "${u.nilai}" sebagai jenis baru` }, ...(chosen?.jenis ?? []).map((j) => ({ value: String(j.id), label: j.nama }))]}
                  value={peta[u.nilai] === undefined ? null : String(peta[u.nilai])}
                  onChange={(v) => setPeta((p) => {
                    const next = { ...p };
                    if (v) next[u.nilai] = v === 'baru' ? 'baru' : Number(v);
                    else delete next[u.nilai];
                    return next;
                  })}
                  w={340}
                />
              </Group>
            ))}
          </Stack>
        )}
        {preview && (
          <Text size="sm" c="dimmed" data-testid="intervensi-kolom">
            {preview.sheet ? `Sheet "${preview.sheet}" · judul kolom di baris ${preview.headerRow}` : ''}
          </Text>
        )}
        {kurang.length > 0 && (
          <Alert color="yellow" title="Kolom belum dikenali" data-testid="kolom-kurang">
            Kolom {kurang.map((f) => listFieldLabels[f]).join(', ')} tidak ditemukan dari judulnya. Pada pemetaan kolom di bawah, pilih untuk setiap judul di berkas apa isinya, lalu periksa ulang.
          </Alert>
        )}
        {preview && preview.columns.length > 0 && (
          <MappingEditor
            columns={preview.columns}
            fields={LIST_FIELD_OPTIONS}
            dirty={mapping !== undefined}
            defaultOpen={kurang.length > 0}
            onApply={(m) => {
              const next = m as Record<string, ListField | ''>;
              setMapping(next);
              check(next);
            }}
          />
        )}
        {preview && kurang.length === 0 && (
          <>
            <Alert color={preview.rejected.length ? 'yellow' : 'green'} data-testid="intervensi-preview">
              {preview.dryRun
                ? `${preview.dataRows} baris dibaca: ${good} siap disimpan, ${preview.rejected.length} ditolak.`
                : `${preview.imported} baris disimpan. ${preview.rejected.length} baris ditolak dan tidak disimpan.`}
            </Alert>
            {preview.rejected.length > 0 && (
              <ProblemRows
                title="Baris yang ditolak"
                filterable={false}
                rows={preview.rejected.slice(0, PREVIEW_ROW_LIMIT).map(asPreviewRow)}
                truncated={preview.rejected.length > PREVIEW_ROW_LIMIT}
                skipped={[]}
              />
            )}
          </>
        )}
        <Group justify="flex-end">
          {preview?.rejectedFile && (
            <Button variant="light" color="red" mr="auto" onClick={() => void saveFile(preview.rejectedFile!)} data-testid="unduh-ditolak">Unduh baris ditolak</Button>
          )}
          <Button variant="default" onClick={close}>Tutup</Button>
          {preview?.dryRun && good > 0 && <Button onClick={commit} loading={run.isPending}>Simpan {good} baris</Button>}
        </Group>
      </Stack>
    </Modal>
  );
}
