/**
 * Quantities of aid are never added across units: 1 karung and 2 botol are "1 karung, 2 botol", not 3. Amounts
 * are kept per unit (units compared without case and surrounding spaces, shown as first written); where the
 * programme hands out packages (its unit is "paket") and a recipient's items are the contents of that package,
 * the recipient received 1 paket.
 */
import { compactKey } from '../../../shared/domain/text';

export class PerUnit {
  private readonly amounts = new Map<string, { label: string; n: number }>();

  add(satuan: string, n: number): this {
    const label = satuan.trim() || 'unit';
    const key = label.toLocaleLowerCase('id-ID');
    const hit = this.amounts.get(key);
    if (hit) hit.n += n;
    else this.amounts.set(key, { label, n });
    return this;
  }

  addAll(other: PerUnit): this {
    for (const { label, n } of other.amounts.values()) this.add(label, n);
    return this;
  }

  get size(): number {
    return this.amounts.size;
  }

  /** Units in the order first seen. */
  units(): { key: string; label: string; n: number }[] {
    return [...this.amounts].map(([key, v]) => ({ key, ...v }));
  }

  /** The one unit's amount and label, or null when there are none or several. */
  single(): { label: string; n: number } | null {
    if (this.amounts.size !== 1) return null;
    return this.amounts.values().next().value ?? null;
  }

  /** "120 karung, 240 botol" (Indonesian number format). */
  toString(): string {
    return this.units()
      .map((u) => `${u.n.toLocaleString('id-ID', { maximumFractionDigits: 2 })} ${u.label}`)
      .join(', ');
  }
}

export const isPaket = (satuan: string | null | undefined): boolean => compactKey(satuan ?? '') === 'paket';

export interface ItemLine {
  jumlah: number;
  satuan: string;
}

/**
 * What one recipient received, per unit. A recipient without item lines received one of the programme's unit;
 * in a package programme, items in other units are the package's contents (1 paket).
 */
export function recipientQuantity(programSatuan: string, items: readonly ItemLine[]): PerUnit {
  const q = new PerUnit();
  if (items.length === 0) return q.add(programSatuan, 1);
  if (isPaket(programSatuan) && !items.some((i) => isPaket(i.satuan))) return q.add(programSatuan, 1);
  for (const i of items) q.add(i.satuan, i.jumlah);
  return q;
}

/** A cell value for a quantity: the number where there is one unit (its unit goes in a Satuan column), else the text per unit. */
export function quantityValue(q: PerUnit): { jumlah: number | string | null; satuan: string | null } {
  if (q.size === 0) return { jumlah: null, satuan: null };
  const one = q.single();
  return one ? { jumlah: one.n, satuan: one.label } : { jumlah: q.toString(), satuan: null };
}
