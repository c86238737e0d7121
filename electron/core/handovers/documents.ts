import type { Kysely } from 'kysely';
import type { Office } from '../../../shared/api/admin';
import type { DocumentSettings } from '../../../shared/api/programs';
import type { DocumentKind, PenerimaRow, PenyerahanDetail } from '../../../shared/api/handovers';
import { AppError } from '../api/errors';
import { takeNomor } from '../admin';
import type { Database } from '../db/schema';
import { daftarTandaTerimaBody, officeHeader, TANDA_TERIMA_CSS } from '../documents';
import { renderBast, renderDaftarTandaTerima, type BastData, type DocumentOutput, type Penerima, type TandaTerimaData } from '../documents';

export const NOMOR_SEMENTARA = '(nomor diberikan saat dicetak)';

function toPenerima(p: PenerimaRow): Penerima {
  return {
    nama: p.orang.nama,
    nik: p.orang.nik,
    ...(p.orang.noKk ? { noKk: p.orang.noKk } : {}),
    alamat: p.orang.alamat,
    desa: p.orang.desa,
    kecamatan: p.orang.kecamatan,
    ...(p.orang.rt ? { rt: p.orang.rt } : {}),
    ...(p.orang.rw ? { rw: p.orang.rw } : {}),
    items: p.items.map((it) => ({ nama: it.nama, jumlah: it.jumlah, satuan: it.satuan, nilai: it.nilai })),
  };
}

/** "Bantuan Kaki Palsu Tahun 2024" — how the programme is named in the BAST sentence. */
export function namaProgramDokumen(d: PenyerahanDetail): string {
  const nama = /^bantuan\b/i.test(d.programDetail.nama) ? d.programDetail.nama : `Bantuan ${d.programDetail.nama}`;
  return `${nama} Tahun ${d.tanggal.slice(0, 4)}`;
}

function bastData(d: PenyerahanDetail, office: Office, penerima: PenerimaRow[], nomor: string, settings?: DocumentSettings): BastData {
  const header = officeHeader(office);
  const pertamaIsKepala = d.pihakPertama.nama.trim().toLowerCase() === office.kepalaNama.trim().toLowerCase();
  return {
    office: header,
    paper: office.kertas,
    nomor,
    tanggal: d.tanggal,
    tempat: d.tempat,
    dasar: d.dasar ? { ...(d.dasar.jenis ? { jenis: d.dasar.jenis } : {}), nomor: d.dasar.nomor, tanggal: d.dasar.tanggal, tentang: d.dasar.tentang } : null,
    namaProgram: namaProgramDokumen(d),
    jenis: d.programDetail.jenis,
    pembayaran: d.pembayaran,
    ...(settings ? { meteraiBatas: settings.meteraiBatas } : {}),
    kelompok: d.mode === 'kolektif' ? d.kelompok : null,
    pihakPertama: {
      nama: d.pihakPertama.nama,
      jabatan: d.pihakPertama.jabatan,
      ...(d.pihakPertama.nip ? { nip: d.pihakPertama.nip } : {}),
      ...(d.pihakPertama.pangkat ? { pangkat: d.pihakPertama.pangkat } : {}),
      alamat: office.alamat.toLowerCase().includes(office.kota.toLowerCase()) ? office.alamat : `${office.alamat}, ${office.kota}`,
    },
    penerima: penerima.map(toPenerima),
    kolektif: d.mode === 'kolektif',
    items: [],
    wakilPenerima:
      d.mode === 'kolektif' && d.wakil
        ? { nama: d.wakil.nama, jabatan: d.wakil.jabatan, ...(d.wakil.nip ? { nip: d.wakil.nip } : {}), ...(d.wakil.pangkat ? { pangkat: d.wakil.pangkat } : {}) }
        : null,
    saksi: d.saksi.map((s) => ({ nama: s.nama, jabatan: s.jabatan, ...(s.nip ? { nip: s.nip } : {}) })),
    // The Kepala Dinas does not "know" a handover he signs himself.
    mengetahui: pertamaIsKepala ? null : header.kepalaDinas,
  };
}

/** The body of a complete page, to put several BASTs into one printable document. */
function bodyOf(html: string): string {
  const start = html.indexOf('<body>');
  const end = html.lastIndexOf('</body>');
  return start >= 0 && end > start ? html.slice(start + 6, end) : html;
}

/**
 * Several one-page documents (the individual BASTs of a handover) printed as one file. Each is its own named page
 * without the header band: the first document's band (its number, "Halaman X dari Y" of the whole file) would
 * be wrong on the others.
 */
function joinDocuments(docs: DocumentOutput[], title: string): DocumentOutput {
  const first = docs[0];
  if (!first) throw new AppError('NOT_FOUND', 'Tidak ada dokumen untuk dicetak.');
  if (docs.length === 1) return first;
  const bodies = docs.map((d, i) => `<div style="page: dokumen-${i + 1}">${bodyOf(d.html)}</div>`).join('\n<div class="page-break"></div>\n');
  const css = docs.map((_, i) => `@page dokumen-${i + 1} { @top-left { content: none; } @top-right { content: none; } }`).join('\n');
  const head = first.html.slice(0, first.html.indexOf('</head>'));
  const html = `${head}<style>${css}</style>\n</head>\n<body>\n${bodies}${first.html.slice(first.html.lastIndexOf('</body>'))}`;
  return { ...first, html: html.replace(/<title>[^<]*<\/title>/, `<title>${title.replace(/[<&]/g, '')}</title>`), title };
}

/**
 * The collective BAST with its daftar tanda terima attached as the following pages of the same portrait document,
 * so that one PDF holds what the officials sign and every page carries the BAST number in its header band.
 */
function withDaftarTerlampir(bast: DocumentOutput, daftar: TandaTerimaData): DocumentOutput {
  const head = bast.html.indexOf('</head>');
  const end = bast.html.lastIndexOf('</body>');
  const html = `${bast.html.slice(0, head)}<style>${TANDA_TERIMA_CSS}</style>\n${bast.html.slice(head, end)}<div class="page-break"></div>\n${daftarTandaTerimaBody(daftar).value}\n${bast.html.slice(end)}`;
  return { ...bast, html };
}

export interface DocRequest {
  kind: DocumentKind;
  penerimaId: number | null;
}

function aktif(d: PenyerahanDetail): PenerimaRow[] {
  return d.penerima.filter((p) => p.status !== 'batal');
}

/** Which recipients' individual BASTs a request covers. */
function perorangan(d: PenyerahanDetail, penerimaId: number | null): PenerimaRow[] {
  const list = aktif(d);
  if (penerimaId === null) return list;
  const one = list.find((p) => p.id === penerimaId);
  if (!one) throw new AppError('NOT_FOUND', 'Penerima tidak ada pada serah terima ini (atau sudah dibatalkan).');
  return [one];
}

function tandaTerimaData(d: PenyerahanDetail, office: Office, settings?: DocumentSettings): TandaTerimaData {
  return {
    office: officeHeader(office),
    paper: office.kertas,
    namaProgram: namaProgramDokumen(d),
    jenis: d.programDetail.jenis,
    pembayaran: d.pembayaran,
    ...(settings ? { meteraiBatas: settings.meteraiBatas } : {}),
    tanggal: d.tanggal,
    tempat: d.tempat,
    nomor: d.mode === 'kolektif' ? (d.nomorBast ?? NOMOR_SEMENTARA) : null,
    penerima: aktif(d).map(toPenerima),
    pihakPertama: {
      nama: d.pihakPertama.nama,
      jabatan: d.pihakPertama.jabatan,
      ...(d.pihakPertama.nip ? { nip: d.pihakPertama.nip } : {}),
      ...(d.pihakPertama.pangkat ? { pangkat: d.pihakPertama.pangkat } : {}),
    },
  };
}

export function renderHandoverDocument(d: PenyerahanDetail, office: Office, req: DocRequest, settings?: DocumentSettings): DocumentOutput & { nomorSementara: boolean } {
  if (req.kind === 'tandaTerima') {
    const doc = renderDaftarTandaTerima(tandaTerimaData(d, office, settings));
    return { ...doc, nomorSementara: d.mode === 'kolektif' && !d.nomorBast };
  }
  if (d.mode === 'kolektif' && req.penerimaId === null) {
    const doc = renderBast(bastData(d, office, aktif(d), d.nomorBast ?? NOMOR_SEMENTARA, settings));
    return { ...withDaftarTerlampir(doc, { ...tandaTerimaData(d, office, settings), withKop: false }), nomorSementara: !d.nomorBast };
  }
  const list = perorangan(d, req.penerimaId);
  const docs = list.map((p) => renderBast(bastData(d, office, [p], p.nomorBast ?? NOMOR_SEMENTARA, settings)));
  const title = list.length === 1 ? (docs[0]?.title ?? 'BAST') : `BAST perorangan ${d.programDetail.nama} (${list.length} penerima)`;
  return { ...joinDocuments(docs, title), nomorSementara: list.some((p) => !p.nomorBast) };
}

/**
 * Takes BAST numbers the first time a document is printed and keeps them: a reprint shows the same number.
 * Returns the numbers taken (empty on a reprint), and whether the handover must be read again because its
 * numbers changed meanwhile.
 *
 * The handover (or recipient) row is claimed before its number is taken: on the office server two PCs may print
 * the same handover at once, and the second then waits on that row and finds it numbered, instead of taking a
 * number it cannot use (a gap in the BAST numbers) and printing without one.
 */
export async function ensureNomor(trx: Kysely<Database>, d: PenyerahanDetail, office: Office, req: DocRequest, at: string): Promise<{ taken: string[]; reread: boolean }> {
  const taken: string[] = [];
  let numberedElsewhere = false;
  const pattern = office.nomorPola.bast;
  if (d.mode === 'kolektif' && req.penerimaId === null) {
    if (!d.nomorBast) {
      const claim = await trx.updateTable('penyerahan').set({ updated_at: at }).where('id', '=', d.id).where('nomor_bast', 'is', null).executeTakeFirst();
      if (Number(claim.numUpdatedRows) === 1) {
        const nomor = await takeNomor(trx, 'bast', pattern, d.tanggal);
        await trx.updateTable('penyerahan').set({ nomor_bast: nomor }).where('id', '=', d.id).execute();
        taken.push(nomor);
      } else numberedElsewhere = true;
    }
    return { taken, reread: taken.length > 0 || numberedElsewhere };
  }
  if (req.kind === 'tandaTerima') return { taken, reread: false };
  for (const p of perorangan(d, req.penerimaId)) {
    if (p.nomorBast) continue;
    const claim = await trx.updateTable('penerima').set({ updated_at: at }).where('id', '=', p.id).where('nomor_bast', 'is', null).executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) {
      numberedElsewhere = true;
      continue;
    }
    const nomor = await takeNomor(trx, 'bast', pattern, d.tanggal);
    await trx.updateTable('penerima').set({ nomor_bast: nomor }).where('id', '=', p.id).execute();
    taken.push(nomor);
  }
  return { taken, reread: taken.length > 0 || numberedElsewhere };
}

/** A file name for the saved PDF, without anything a file system could read as a folder. */
export function pdfFileName(doc: { title: string }): string {
  const safe = doc.title.replace(/[\\/:*?"<>|]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 120);
  return `${safe || 'Dokumen'}.pdf`;
}
