import type { Kysely } from 'kysely';
import type { Office } from '../../../shared/api/admin';
import type { SessionInfo } from '../../../shared/api/auth';
import type { FileRef } from '../../../shared/api/files';
import { meetingDocumentLabels, type MeetingDetail, type MeetingDocumentKind, type meetingDocumentSchema } from '../../../shared/api/meetings';
import type { z } from 'zod';
import { recordAudit } from '../audit/record';
import { takeNomor } from '../admin';
import { AppError } from '../api/errors';
import { lockRow } from '../db/dialect';
import type { Database } from '../db/schema';
import { renderDaftarHadir, renderNotulen, renderUndangan, type DocumentOutput } from '../documents';
import type { Outbox } from '../files';
import type { Platform } from '../platform';
import type { RegionIndex } from '../regions';
import { officeHeader } from '../documents';
import { desaLabel } from './officeArea';
import { safeFileName } from './xlsxSheet';

type Options = z.output<typeof meetingDocumentSchema>;

const jam = (s: string) => s.replace(':', '.');

export function waktuRapat(m: Pick<MeetingDetail, 'jamMulai' | 'jamSelesai'>): string {
  return `${jam(m.jamMulai)} WIB s.d. ${m.jamSelesai ? `${jam(m.jamSelesai)} WIB` : 'selesai'}`;
}

/** Renders one of the meeting's documents from its current data (pure apart from the region names). */
export function renderMeetingDocument(office: Office, regions: RegionIndex, m: MeetingDetail, opts: Options, notulenNomor: string | null = m.notulenNomor): DocumentOutput {
  const header = officeHeader(office);
  const desaInstansi = (p: MeetingDetail['peserta'][number]) => desaLabel(regions, p.desaKode) ?? p.instansi ?? '';
  switch (opts.kind) {
    case 'undangan': {
      if (!m.undangan) throw new AppError('UNDANGAN_BELUM_DIISI', 'Isi dulu data surat undangan (tanggal surat dan tujuan) lalu simpan; nomor surat diberikan saat itu.');
      return renderUndangan({
        office: header,
        paper: office.kertas,
        nomor: m.undangan.nomor,
        tanggal: m.undangan.tanggalSurat,
        sifat: m.undangan.sifat,
        perihal: 'Undangan',
        kepada: m.undangan.kepada,
        acara: { tanggal: m.tanggal, waktu: waktuRapat(m), tempat: m.tempat, agenda: m.agenda.map((a) => a.judul) },
        catatan: m.undangan.catatan,
        tembusan: m.undangan.tembusan,
        daftarUndangan: m.peserta.filter((p) => p.diundang).map((p) => ({ nama: p.nama, desaInstansi: desaInstansi(p), jabatan: p.jabatan })),
      });
    }
    case 'daftarHadir': {
      const peserta = m.peserta.filter((p) => (opts.hanyaHadir ? p.kehadiran === 'hadir' : true));
      return renderDaftarHadir({
        office: header,
        paper: office.kertas,
        landscape: opts.landscape,
        judul: m.judul,
        tanggal: m.tanggal,
        waktu: waktuRapat(m),
        tempat: m.tempat,
        peserta: peserta.map((p) => ({ nama: p.nama, desaInstansi: desaInstansi(p), jabatan: p.jabatan, noHp: p.noHp })),
        barisKosong: opts.barisKosong,
        mengetahui: { nama: m.pimpinan.nama, jabatan: m.pimpinan.jabatan, nip: m.pimpinan.nip || undefined, pangkat: m.pimpinan.pangkat || undefined },
      });
    }
    case 'notulen': {
      if (!m.notulis) throw new AppError('NOTULEN_BELUM_DIISI', 'Notulen belum ditulis. Isi notulis dan pembahasan di tab Notulen, lalu simpan.');
      return renderNotulen({
        office: header,
        paper: office.kertas,
        nomor: notulenNomor,
        judul: m.judul,
        tanggal: m.tanggal,
        waktu: waktuRapat(m),
        tempat: m.tempat,
        pimpinan: { nama: m.pimpinan.nama, jabatan: m.pimpinan.jabatan, nip: m.pimpinan.nip || undefined, pangkat: m.pimpinan.pangkat || undefined },
        notulis: { nama: m.notulis.nama, jabatan: m.notulis.jabatan, nip: m.notulis.nip || undefined, pangkat: m.notulis.pangkat || undefined },
        peserta: { hadir: m.hadir, izin: m.izin, tidakHadir: m.tidakHadir + m.belum },
        desaTidakHadir: m.rekapDesa
          .filter((k) => k.tidakTerwakili.length > 0)
          .map((k) => `Kec. ${k.nama}: ${k.tidakTerwakili.map((d) => d.nama).join(', ')}`),
        pembukaan: m.pembukaan,
        agenda: m.agenda.map((a) => ({
          judul: a.judul,
          pembahasan: a.pembahasan.split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean),
          keputusan: a.keputusan,
        })),
        tindakLanjut: m.tindakLanjut.map((t) => ({
          uraian: t.uraian,
          penanggungJawab: t.pjDesaNama && !t.pjNama.includes(t.pjDesaNama) ? `${t.pjNama} (${t.pjDesaNama})` : t.pjNama,
          batasWaktu: t.batasWaktu,
          status: { belum: 'Belum', proses: 'Proses', selesai: 'Selesai' }[t.status],
        })),
      });
    }
  }
}

/** The notulen number is taken from the office pattern the first time the minutes leave the app, then kept. */
async function ensureNotulenNomor(db: Kysely<Database>, office: Office, m: MeetingDetail): Promise<string> {
  if (m.notulenNomor) return m.notulenNomor;
  return db.transaction().execute(async (trx) => {
    // Two PCs issuing the minutes at once: the second waits and takes the first one's number (no number lost).
    await lockRow(trx, 'rapat', m.id);
    const row = await trx.selectFrom('rapat').select('notulen_nomor').where('id', '=', m.id).executeTakeFirstOrThrow();
    if (row.notulen_nomor) return row.notulen_nomor;
    const nomor = await takeNomor(trx, 'notulen', office.nomorPola.notulen, m.tanggal);
    await trx.updateTable('rapat').set({ notulen_nomor: nomor }).where('id', '=', m.id).execute();
    return nomor;
  });
}

export async function issueDocument(
  deps: { db: Kysely<Database>; platform: Platform; outbox: Outbox; session: SessionInfo | null },
  office: Office,
  regions: RegionIndex,
  m: MeetingDetail,
  opts: Options,
  mode: 'print' | 'pdf',
  at: Date,
): Promise<FileRef | null> {
  // Render first: a document that cannot be made (no minutes yet) must not use up a number.
  renderMeetingDocument(office, regions, m, opts);
  const nomor = opts.kind === 'notulen' ? await ensureNotulenNomor(deps.db, office, m) : opts.kind === 'undangan' ? m.undangan?.nomor : undefined;
  const doc = renderMeetingDocument(office, regions, m, opts, opts.kind === 'notulen' ? (nomor ?? null) : m.notulenNomor);
  let file: FileRef | null = null;
  if (mode === 'print') {
    // Without a print dialog of its own (browser mode) the renderer prints its preview; the print is still recorded here.
    if (deps.platform.print) await deps.platform.print(doc.html, { paper: doc.paper, landscape: doc.landscape });
  } else {
    const pdf = await deps.platform.htmlToPdf(doc.html, { paper: doc.paper, landscape: doc.landscape });
    file = deps.outbox.put(safeFileName(`${meetingDocumentLabels[opts.kind]} ${m.judul} ${m.tanggal}.pdf`), 'application/pdf', pdf);
  }
  await recordAudit(deps.db, deps.session, {
    action: mode === 'print' ? 'print' : 'export',
    entity: 'rapat_dokumen',
    entityId: m.id,
    after: { kind: opts.kind, nomor: nomor ?? null, paper: doc.paper, file: file?.name ?? null, peserta: m.peserta.length, via: mode === 'print' && !deps.platform.print ? 'pratinjau' : deps.platform.kind },
  }, at);
  return file;
}

export type { MeetingDocumentKind };
