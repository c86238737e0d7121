import { Checkbox, FileInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import type { CertCheck, ServerConnectionInput } from '../../../shared/api/connection';

type Form = UseFormReturn<{ server: ServerConnectionInput }>;

/**
 * "Periksa sertifikat server" under "Gunakan TLS": the CA certificate file the IT person gives (its text is sent
 * and kept on this PC), and whether the server's name must match the certificate (libpq's verify-full, else
 * verify-ca). Unchecked, the link is encrypted but the certificate is not checked (sslmode=require).
 */
export function CertificateFields({ form, onChange }: { form: Form; onChange: () => void }) {
  const [fileName, setFileName] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const certCheck = useWatch({ control: form.control, name: 'server.certCheck' }) ?? 'none';
  const caCert = useWatch({ control: form.control, name: 'server.caCert' }) ?? null;
  const caError = form.formState.errors.server?.caCert?.message;
  const setCheck = (value: CertCheck) => {
    form.setValue('server.certCheck', value, { shouldDirty: true });
    onChange();
  };
  const setCa = (pem: string | null) => {
    form.setValue('server.caCert', pem, { shouldDirty: true });
    form.clearErrors('server.caCert');
    onChange();
  };

  const choose = async (file: File | null) => {
    setReadError(null);
    setFileName(file?.name ?? null);
    if (!file) return setCa(null);
    if (file.size > 100_000) {
      setReadError('Berkas terlalu besar untuk sertifikat CA. Pilih berkas .crt atau .pem dari admin TI.');
      return setCa(null);
    }
    setCa(await file.text());
  };

  return (
    <Stack gap="xs" pl="xl" data-testid="koneksi-sertifikat">
      <Checkbox
        label="Periksa sertifikat server"
        description="Koneksi hanya dibuat bila sertifikat server ditandatangani oleh CA yang dipilih, sehingga komputer lain tidak dapat menyamar sebagai server kantor."
        checked={certCheck !== 'none'}
        onChange={(e) => setCheck(e.currentTarget.checked ? 'full' : 'none')}
      />
      {certCheck !== 'none' && (
        <>
          <FileInput
            label="Sertifikat CA (.crt / .pem)"
            placeholder={caCert ? 'Sertifikat CA sudah dipilih; pilih lagi untuk menggantinya' : 'Pilih berkas dari admin TI…'}
            accept=".crt,.pem,.cer"
            value={null}
            onChange={(f) => void choose(f)}
            error={readError ?? caError}
            data-testid="koneksi-ca"
          />
          {caCert && <Text size="xs" c="dimmed">{fileName ? `Dipakai: ${fileName}` : 'Dipakai: sertifikat CA yang tersimpan di komputer ini.'}</Text>}
          {!caCert && <Text size="xs" c="dimmed">Tanpa berkas CA, sertifikat server diperiksa terhadap CA umum (untuk server yang sertifikatnya dari penyedia sertifikat).</Text>}
          <Checkbox
            label="Nama server harus cocok dengan sertifikat (disarankan)"
            description="Alamat yang diisi di Host harus tertulis di sertifikat server. Matikan hanya bila sertifikat dibuat tanpa nama atau alamat IP server."
            checked={certCheck === 'full'}
            onChange={(e) => setCheck(e.currentTarget.checked ? 'full' : 'ca')}
          />
        </>
      )}
    </Stack>
  );
}
