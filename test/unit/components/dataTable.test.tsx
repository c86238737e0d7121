import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataTable, loadHiddenColumns, type DataColumn } from '../../../renderer/src/components/DataTable';

interface Desa {
  id: number;
  nama: string;
  rt: string;
  kk: number | null;
}

const columns: DataColumn<Desa>[] = [
  { id: 'nama', header: 'Desa', sortValue: (d) => d.nama, cell: (d) => d.nama },
  { id: 'rt', header: 'RT', sortValue: (d) => d.rt, cell: (d) => d.rt },
  { id: 'kk', header: 'Jumlah KK', align: 'right', sortValue: (d) => d.kk, cell: (d) => (d.kk === null ? '–' : String(d.kk)) },
];
const data: Desa[] = [
  { id: 1, nama: 'pelangsian', rt: 'RT 10', kk: 120 },
  { id: 2, nama: 'Baamang Hulu', rt: 'RT 2', kk: null },
  { id: 3, nama: 'Ketapang', rt: 'RT 1', kk: 45 },
  { id: 4, nama: 'Ásam Baru', rt: 'RT 3', kk: 300 },
];

const render = (props: Partial<Parameters<typeof DataTable<Desa>>[0]> = {}) =>
  renderToStaticMarkup(
    <MantineProvider>
      <DataTable query={{ data, isLoading: false }} columns={columns} rowProps={(d) => ({ 'data-testid': `desa-${d.id}` })} {...props} />
    </MantineProvider>,
  );
/** The row ids in the order the table shows them. */
const order = (html: string) => [...html.matchAll(/data-testid="desa-(\d+)"/g)].map((m) => Number(m[1]));
/** The body cells of the first column, as shown. */
const firstCells = (html: string) => [...html.matchAll(/<tr[^>]*data-testid="desa-\d+"[^>]*><td[^>]*>([^<]*)</g)].map((m) => m[1]);

describe('DataTable', () => {
  it('shows the rows as given until sorted, then sorts text the Indonesian way and numbers by value, empty last', () => {
    expect(order(render())).toEqual([1, 2, 3, 4]);
    // Case and accents aside: Ásam, Baamang, Ketapang, pelangsian.
    expect(firstCells(render({ initialSort: { id: 'nama' } }))).toEqual(['Ásam Baru', 'Baamang Hulu', 'Ketapang', 'pelangsian']);
    // "RT 2" before "RT 10".
    expect(order(render({ initialSort: { id: 'rt' } }))).toEqual([3, 2, 4, 1]);
    expect(order(render({ initialSort: { id: 'kk' } }))).toEqual([3, 1, 4, 2]);
    // The desa without a count stays last when sorting the other way too.
    expect(order(render({ initialSort: { id: 'kk', desc: true } }))).toEqual([4, 1, 3, 2]);
    const sorted = render({ initialSort: { id: 'kk', desc: true } });
    expect(sorted).toMatch(/aria-sort="descending"[^>]*>(?:(?!<\/th>).)*Jumlah KK/);
    expect(sorted.match(/aria-sort="none"/g)).toHaveLength(2);
  });

  it('says when there is nothing, and "Memuat…" instead while the rows load', () => {
    const none = render({ query: { data: [], isLoading: false }, empty: 'Belum ada desa.' });
    expect(none).toContain('Belum ada desa.');
    expect(order(none)).toEqual([]);
    const loading = render({ query: { data: undefined, isLoading: true }, empty: 'Belum ada desa.' });
    expect(loading).not.toContain('Belum ada desa.');
    expect(loading).toContain('Memuat…');
  });

  it("gives a cell its row's place in the rows as given, which stays with the row when sorted", () => {
    const numbered: DataColumn<Desa>[] = [{ id: 'no', header: 'No', cell: (_d, i) => String(i + 1) }, columns[0]!];
    expect(firstCells(render({ columns: numbered, initialSort: { id: 'nama' } }))).toEqual(['4', '2', '3', '1']);
  });

  it('puts openable rows in the tab order, and plain rows not', () => {
    expect(render({ onRowClick: () => undefined }).match(/<tr[^>]*tabindex="0"/g)).toHaveLength(4);
    expect(render()).not.toContain('tabindex');
  });

  it('draws only the first rows of a long list, not all of them', () => {
    const many: Desa[] = Array.from({ length: 2000 }, (_, i) => ({ id: i + 1, nama: `Desa ${i + 1}`, rt: 'RT 1', kk: i }));
    const html = render({ query: { data: many, isLoading: false } });
    const drawn = order(html).length;
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(100);
    // A short list is drawn whole.
    expect(order(render({ query: { data: many.slice(0, 120), isLoading: false } }))).toHaveLength(120);
  });

  describe('column visibility', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    afterEach(() => {
      store.clear();
      vi.unstubAllGlobals();
    });
    /** The header texts, as shown. */
    const headers = (html: string) => [...html.matchAll(/<th(?:\s[^>]*)?>(?:<button[^>]*>)?([^<]*)</g)].map((m) => m[1]);

    it('hides the columns the user hid in this table, and only in this table', () => {
      vi.stubGlobal('localStorage', storage);
      store.set('dinsos.tabel.desa.tersembunyi', JSON.stringify(['rt']));
      const html = render({ tableId: 'desa' });
      expect(headers(html)).toEqual(['Desa', 'Jumlah KK']);
      // The row of Ketapang: its name and count, no RT.
      expect(html).toMatch(/data-testid="desa-3"[^>]*><td[^>]*>Ketapang<\/td><td[^>]*>45<\/td><\/tr>/);
      expect(html).not.toContain('RT 1');
      expect(html).toContain('Kolom (1 disembunyikan)');
      // Another table, or a table without a name (no menu), shows every column.
      expect(headers(render({ tableId: 'kecamatan' }))).toEqual(['Desa', 'RT', 'Jumlah KK']);
      const unnamed = render();
      expect(headers(unnamed)).toEqual(['Desa', 'RT', 'Jumlah KK']);
      expect(unnamed).not.toContain('Kolom');
    });

    it('keeps a column the table does not let hide, and spans the empty message over the shown columns', () => {
      vi.stubGlobal('localStorage', storage);
      store.set('dinsos.tabel.desa.tersembunyi', JSON.stringify(['nama', 'kk', 'hapus']));
      // A column of buttons has no name to offer in the menu: it stays too.
      const buttons: DataColumn<Desa> = { id: 'hapus', header: '', cell: () => 'Hapus' };
      const fixed = [...columns.map((c) => (c.id === 'nama' ? { ...c, hideable: false } : c)), buttons];
      expect(headers(render({ tableId: 'desa', columns: fixed }))).toEqual(['Desa', 'RT', '']);
      expect(render({ tableId: 'desa', columns: fixed })).toContain('>Hapus</td>');
      const none = render({ tableId: 'desa', columns: fixed, query: { data: [], isLoading: false }, empty: 'Belum ada desa.' });
      expect(none).toMatch(/<td[^>]*colSpan="3"[^>]*>.*Belum ada desa\./);
    });

    it('reads a damaged or missing choice as "all shown"', () => {
      expect(loadHiddenColumns('desa')).toEqual([]); // no localStorage at all (node)
      vi.stubGlobal('localStorage', storage);
      store.set('dinsos.tabel.desa.tersembunyi', '{not json');
      expect(loadHiddenColumns('desa')).toEqual([]);
      store.set('dinsos.tabel.desa.tersembunyi', JSON.stringify({ rt: true }));
      expect(headers(render({ tableId: 'desa' }))).toEqual(['Desa', 'RT', 'Jumlah KK']);
    });
  });
});
