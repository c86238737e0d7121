/**
 * What an import remembers per NIK or No KK while it runs (the row that first took a NIK, the family a No KK
 * settled), for every row of the sheet: a million-row sheet has ~800,000 of them. As Map<string, …> entries
 * they were ~100 MB of live V8 heap at the end of such an import, and V8 sizes its heap at a multiple of what
 * is live, so the process peaked at ~900 MB. Here a 16-digit key is a number (exact: see `digitKey`) in a
 * typed-array hash table, each entry a few int32 columns: ~20 bytes per key, outside the garbage-collected
 * heap. Keys that are not 16 digits (an ID Keluarga P3KE) fall back to an ordinary Map.
 */

/** The two 8-digit halves of the last key parsed by `parse16` (module state: parsing allocates nothing). */
let hi = 0;
let lo = 0;

/** Reads a key of exactly 16 ASCII digits into hi/lo; false for any other text. */
function parse16(key: string): boolean {
  if (key.length !== 16) return false;
  let h = 0;
  let l = 0;
  for (let i = 0; i < 16; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (i < 8) h = h * 10 + d;
    else l = l * 10 + d;
  }
  hi = h;
  lo = l;
  return true;
}

/**
 * A 16-digit key as one number, exact: (hi - 10^7) · 10^8 + lo lies in [-10^15, 9·10^15 + 10^8), well within
 * the integers a double holds exactly (2^53 ≈ 9.007·10^15), and differs for every two keys.
 */
function digitKey(): number {
  return (hi - 10_000_000) * 100_000_000 + lo;
}

function hashOf(): number {
  let x = Math.imul(hi, 0x9e3779b1) ^ lo;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  return (x ^ (x >>> 13)) >>> 0;
}

/**
 * A string of its own for a key kept until the import ends: a cell's text may be a slice of the reader's 64 KB
 * piece of XML, and V8 keeps the whole piece alive behind a slice. Copying the bytes makes a fresh string.
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * Keys (NIK, No KK, or any other text) → an entry number, dense from 0 in the order added, with `width` int32
 * columns per entry. Entries are never removed.
 */
export class IdTable {
  /** Hash slots: entry number + 1, or 0 when free (open addressing, linear probing, at most half full). */
  private slots = new Int32Array(1024);
  /** Per entry: its key as a number (digitKey), to tell keys with the same slot apart. */
  private keys = new Float64Array(512);
  private readonly columns: Int32Array[];
  private readonly other = new Map<string, number>();
  private count = 0;

  constructor(private readonly width: number) {
    this.columns = Array.from({ length: width }, () => new Int32Array(512));
  }

  get size(): number {
    return this.count;
  }

  /** The key's entry, or -1. */
  find(key: string): number {
    if (!parse16(key)) return this.other.get(key) ?? -1;
    const k = digitKey();
    const mask = this.slots.length - 1;
    for (let s = hashOf() & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]! - 1;
      if (e < 0) return -1;
      if (this.keys[e] === k) return e;
    }
  }

  /** The key's entry, added (its columns 0) when the key is new. */
  add(key: string): number {
    if (!parse16(key)) {
      const e = this.other.get(key);
      if (e !== undefined) return e;
      const added = this.newEntry(NaN);
      this.other.set(ownCopy(key), added);
      return added;
    }
    const k = digitKey();
    const mask = this.slots.length - 1;
    let s = hashOf() & mask;
    for (; ; s = (s + 1) & mask) {
      const e = this.slots[s]! - 1;
      if (e < 0) break;
      if (this.keys[e] === k) return e;
    }
    const added = this.newEntry(k);
    // Past half full: twice the slots, the new entry placed with the others.
    if ((this.count - this.other.size) * 2 > this.slots.length) this.rehash();
    else this.slots[s] = added + 1;
    return added;
  }

  get(entry: number, column: number): number {
    return this.columns[column]![entry]!;
  }

  set(entry: number, column: number, value: number): void {
    this.columns[column]![entry] = value;
  }

  private newEntry(key: number): number {
    const e = this.count++;
    if (e === this.keys.length) {
      this.keys = grow(this.keys, new Float64Array(e * 2));
      for (let c = 0; c < this.width; c++) this.columns[c] = grow(this.columns[c]!, new Int32Array(e * 2));
    }
    this.keys[e] = key;
    return e;
  }

  /** Twice the slots, every 16-digit entry placed again (NaN marks the entries of `other`). */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.count; e++) {
      const k = this.keys[e]!;
      if (Number.isNaN(k)) continue;
      // Back from the number to the halves the hash is made of.
      // (the quotient may round up to the next integer; the exact remainder says so).
      let h = Math.floor(k / 100_000_000);
      let l = k - h * 100_000_000;
      if (l < 0) {
        h -= 1;
        l += 100_000_000;
      }
      hi = h + 10_000_000;
      lo = l;
      let s = hashOf() & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = e + 1;
    }
    this.slots = slots;
  }
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
