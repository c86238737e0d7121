import type { ItemBantuan, StatusPermohonan } from '../../../shared/api/handovers';
import { validateNik } from '../../../shared/domain/nik';

/** Forward-only moves of an aid request; each is one user action (or a handover for 'diserahkan'). */
const forward: Record<StatusPermohonan, readonly StatusPermohonan[]> = {
  diajukan: ['diverifikasi', 'ditolak'],
  diverifikasi: ['disetujui', 'ditolak'],
  disetujui: ['diserahkan'],
  ditolak: [],
  diserahkan: [],
};

export function canMovePermohonan(from: StatusPermohonan, to: StatusPermohonan): boolean {
  return forward[from].includes(to);
}

/** Value of one line: quantity × unit value, in whole Rupiah. */
export function itemNilai(jumlah: number, nilaiSatuan: number): number {
  return Math.round(jumlah * nilaiSatuan);
}

export function withNilai(it: Omit<ItemBantuan, 'nilai'>): ItemBantuan {
  return { ...it, nilai: itemNilai(it.jumlah, it.nilaiSatuan) };
}

export function sumNilai(items: readonly { nilai: number }[]): number {
  return items.reduce((s, it) => s + it.nilai, 0);
}

/**
 * Why a handover cannot be printed yet: no recipient left, or a recipient whose NIK is not a valid NIK
 * (a BAST with a wrong NIK is worthless as proof), or a recipient without items.
 */
export function hambatanCetak(penerima: readonly { nama: string; nik: string; status: string; items: readonly unknown[] }[]): string[] {
  const aktif = penerima.filter((p) => p.status !== 'batal');
  if (aktif.length === 0) return ['Belum ada penerima. Tambahkan penerima dari registri atau dari permohonan yang disetujui.'];
  const out: string[] = [];
  for (const p of aktif) {
    const problem = validateNik(p.nik).errors[0];
    if (problem) out.push(`NIK ${p.nama} (${p.nik}) tidak valid: ${problem.message} Perbaiki di registri sebelum mencetak.`);
    if (p.items.length === 0) out.push(`${p.nama} belum punya rincian barang.`);
  }
  return out;
}
