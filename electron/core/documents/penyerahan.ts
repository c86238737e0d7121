import { formatAngka } from '../../../shared/domain/rupiah';
import { angkaDenganTerbilang } from './wording';

/** One line of goods: what, how many, in which unit, and the total Rupiah value of the line. */
export interface BastItem {
  nama: string;
  jumlah: number;
  satuan: string;
  /** Total value of the line in Rupiah (not the unit price). */
  nilai: number;
}

/** A recipient (PIHAK KEDUA, or one row of the daftar tanda terima). */
export interface Penerima {
  nama: string;
  /** 16-digit NIK as text. */
  nik: string;
  /** 16-digit No KK as text, when known. */
  noKk?: string;
  /** Street / dusun / house, e.g. 'Jl. Jenderal Sudirman Km 3'. */
  alamat: string;
  desa: string;
  kecamatan: string;
  rt?: string;
  rw?: string;
  /** What this recipient receives, when it differs from the handover's common `items`. */
  items?: BastItem[];
}

/** What one recipient receives: its own items, or the handover's common items. */
export function itemsOf(p: Penerima, common: readonly BastItem[]): readonly BastItem[] {
  return p.items && p.items.length > 0 ? p.items : common;
}

/** Sums items with the same name and unit, keeping first-seen order. */
export function aggregateItems(lists: readonly (readonly BastItem[])[]): BastItem[] {
  const out = new Map<string, BastItem>();
  for (const list of lists) {
    for (const it of list) {
      const key = `${it.nama.trim().toLowerCase()}\u0000${it.satuan.trim().toLowerCase()}`;
      const prev = out.get(key);
      if (prev) {
        prev.jumlah += it.jumlah;
        prev.nilai += it.nilai;
      } else {
        out.set(key, { nama: it.nama, jumlah: it.jumlah, satuan: it.satuan, nilai: it.nilai });
      }
    }
  }
  return [...out.values()];
}

/** Everything handed over to all recipients together. */
export function totalItems(penerima: readonly Penerima[], common: readonly BastItem[]): BastItem[] {
  if (penerima.length === 0) return aggregateItems([common]);
  return aggregateItems(penerima.map((p) => itemsOf(p, common)));
}

export function totalNilai(items: readonly BastItem[]): number {
  return items.reduce((sum, it) => sum + it.nilai, 0);
}

/** Quantities summed per unit, e.g. "200 Paket, 400 Kg". */
export function jumlahPerSatuan(items: readonly BastItem[]): string {
  const perUnit = new Map<string, { satuan: string; jumlah: number }>();
  for (const it of items) {
    const key = it.satuan.trim().toLowerCase();
    const prev = perUnit.get(key);
    if (prev) prev.jumlah += it.jumlah;
    else perUnit.set(key, { satuan: it.satuan.trim(), jumlah: it.jumlah });
  }
  return [...perUnit.values()].map((u) => `${formatAngka(u.jumlah)} ${u.satuan}`).join(', ');
}

/** "1 (Satu) Unit Kaki Palsu, 2 (Dua) Pasang Kruk dan …" — quantity in figures and words. */
export function uraianItems(items: readonly BastItem[]): string {
  const parts = items.map((it) => {
    // "1 (satu) Paket Sembako", not "1 (satu) Paket Paket Sembako".
    const unitInName = it.nama.trim().toLowerCase().startsWith(`${it.satuan.trim().toLowerCase()} `);
    return `${Number.isInteger(it.jumlah) ? angkaDenganTerbilang(it.jumlah) : formatAngka(it.jumlah)} ${unitInName ? '' : `${it.satuan} `}${it.nama}`;
  });
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} dan ${parts[parts.length - 1] ?? ''}`;
}

/** "Jl. …, RT 004/RW 002, Desa/Kel. Baamang Hulu, Kec. Baamang". */
export function alamatLengkap(p: Penerima): string {
  const rtRw = p.rt || p.rw ? `RT ${p.rt?.trim() || '-'}/RW ${p.rw?.trim() || '-'}` : null;
  return [p.alamat.trim() || null, rtRw, p.desa ? `Desa/Kel. ${p.desa}` : null, p.kecamatan ? `Kec. ${p.kecamatan}` : null]
    .filter((s): s is string => !!s)
    .join(', ');
}
