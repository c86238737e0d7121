import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type DataColumn } from '../../../renderer/src/components/DataTable';

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
});
