import { Button, Checkbox, Group, Menu, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconColumns } from '@tabler/icons-react';
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type Row, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type CSSProperties, type HTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';

/** One column of a DataTable. */
export interface DataColumn<T> {
  id: string;
  header: ReactNode;
  /** The cell of a row; `index` is the row's place in the rows as given (e.g. for a "No" column). */
  cell: (row: T, index: number) => ReactNode;
  /** What the column sorts by; without it the header does not sort. Strings sort the Indonesian way. */
  sortValue?: (row: T) => string | number | null;
  width?: number | string;
  /** 'right' for numbers: they are also set in figures of one width. */
  align?: 'left' | 'right' | 'center';
  /** False keeps the column always shown (not in the "Kolom" menu); so is a column with no name (e.g. its buttons). */
  hideable?: boolean;
  /** Its name in the "Kolom" menu when the header is not plain text. */
  label?: string;
}

export interface DataTableProps<T> {
  /** The page's query of the rows (react-query's result): its rows, 'Memuat…' while the first ones load, and why they could not. */
  query: { data?: T[] | undefined; isLoading: boolean; error?: Error | null };
  columns: DataColumn<T>[];
  /** A row's key; by default its `id`. `index` is its place in the rows as given. */
  rowKey?: (row: T, index: number) => string | number;
  /** Said in the table when there are no rows. */
  empty?: ReactNode;
  /** Opens a row: by click, or Enter on the focused row (rows are then in the tab order; ↑/↓ move between them). */
  onRowClick?: (row: T) => void;
  /** Extra attributes of a row (e.g. its data-testid, or a style). */
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };
  /** The table scrolls inside this height with its header kept in view. */
  maxHeight?: string;
  /** From this many rows on, only the rows in view are drawn (long lists stay fast). Default 150. */
  virtualFrom?: number;
  initialSort?: { id: string; desc?: boolean };
  striped?: boolean;
  verticalSpacing?: 'xs' | 'sm' | 'md' | number;
  fz?: 'xs' | 'sm';
  withTableBorder?: boolean;
  withColumnBorders?: boolean;
  /** The table's accessible name, when the page shows no caption for it. */
  'aria-label'?: string;
  'data-testid'?: string;
  /** Names the table: it then has a "Kolom" menu to hide columns, and the choice is kept for this name. */
  tableId?: string;
}

const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });
const NO_ROWS: never[] = [];
const ROW_ESTIMATE = 44;
const hiddenKey = (tableId: string) => `dinsos.tabel.${tableId}.tersembunyi`;

/** The columns the user hid in the table `tableId` (kept in localStorage; none when there is no storage). */
export function loadHiddenColumns(tableId: string): string[] {
  try {
    const stored: unknown = JSON.parse(globalThis.localStorage?.getItem(hiddenKey(tableId)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function saveHiddenColumns(tableId: string, hidden: string[]): void {
  try {
    if (hidden.length) globalThis.localStorage?.setItem(hiddenKey(tableId), JSON.stringify(hidden));
    else globalThis.localStorage?.removeItem(hiddenKey(tableId));
  } catch {
    // Storage full or blocked: the choice then holds until the page closes.
  }
}

/**
 * The one table of the app's lists: sortable headers (click, or Enter/Space on the focused header), a loader
 * while the first rows come, an empty message, rows opened by click or keyboard, and only the visible rows
 * drawn once a list is long. Columns say how to show and how to sort a row; the rows are the page's data as is.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, onRowClick, rowKey = (row: T) => (row as { id: string | number }).id } = props;
  const data = props.query.data;
  const [sorting, setSorting] = useState<SortingState>(props.initialSort ? [{ id: props.initialSort.id, desc: !!props.initialSort.desc }] : []);
  const hideable = props.tableId ? columns.filter((c) => c.hideable !== false && menuLabel(c) !== '') : [];
  const [hidden, setHidden] = useState<string[]>(() => (props.tableId ? loadHiddenColumns(props.tableId) : []));
  // Only columns the menu offers can be hidden (a stored id of a column since removed or made fixed is ignored).
  const visibility: VisibilityState = Object.fromEntries(hidden.filter((id) => hideable.some((c) => c.id === id)).map((id) => [id, false]));
  const toggleColumn = (id: string) => {
    const next = hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id];
    setHidden(next);
    if (props.tableId) saveHiddenColumns(props.tableId, next);
  };
  const defs = useMemo<ColumnDef<T>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: () => c.header,
        cell: (info) => c.cell(info.row.original, info.row.index),
        enableSorting: !!c.sortValue,
        ...(c.sortValue
          ? {
              // Empty values are undefined to the table, which keeps them last in either direction.
              accessorFn: (row: T) => {
                const v = c.sortValue!(row);
                return v === null || v === '' ? undefined : v;
              },
              sortingFn: (a: Row<T>, b: Row<T>, id: string) => compare(a.getValue(id), b.getValue(id)),
              sortUndefined: 'last' as const,
            }
          : {}),
      })),
    [columns],
  );
  // The table object lives for this render only; nothing memoized receives its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    // One empty array for every render: a new [] each time would be new data to the table, which then resets
    // its state and renders again, for ever (while a query has no rows yet, or failed).
    data: data ?? NO_ROWS,
    columns: defs,
    state: { sorting, columnVisibility: visibility },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row, index) => String(rowKey(row, index)),
    // Nothing is paged or expanded here: new rows must not make the table reset (set its state, render again) —
    // a page passing a freshly filtered array on each render would otherwise render for ever.
    autoResetAll: false,
  });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length >= (props.virtualFrom ?? 150);
  // A short list gives the virtualizer no element: it then watches nothing (no scroll or resize observers).
  const virtualizer = useVirtualizer({ count: virtual ? rows.length : 0, getScrollElement: () => (virtual ? scroller.current : null), estimateSize: () => ROW_ESTIMATE, overscan: 10 });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  // Until the scroller is measured (first paint, or no DOM), a long list shows its first rows.
  const shown = virtual ? (items.length > 0 ? items.map((i) => rows[i.index]!) : rows.slice(0, 30)) : rows;
  const padTop = virtual && items.length > 0 ? items[0]!.start : 0;
  const padBottom = virtual && items.length > 0 ? virtualizer.getTotalSize() - items.at(-1)!.end : 0;

  const alignOf = (id: string) => columns.find((c) => c.id === id)?.align;
  const widthOf = (id: string) => columns.find((c) => c.id === id)?.width;
  const moveFocus = (e: KeyboardEvent<HTMLTableRowElement>, row: Row<T>) => {
    if (e.key === 'Enter' && onRowClick) {
      e.preventDefault();
      onRowClick(row.original);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const next = (e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling) as HTMLElement | null;
      if (next?.tabIndex === 0) {
        e.preventDefault();
        next.focus();
      }
    }
  };

  const body = (
    <Table striped={props.striped ?? true} highlightOnHover stickyHeader={!!props.maxHeight} verticalSpacing={props.verticalSpacing ?? 'xs'} fz={props.fz} withTableBorder={props.withTableBorder} withColumnBorders={props.withColumnBorders} aria-label={props['aria-label']} data-testid={props['data-testid']}>
      <Table.Thead>
        {table.getHeaderGroups().map((group) => (
          <Table.Tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const label = flexRender(header.column.columnDef.header, header.getContext());
              const style: CSSProperties = { width: widthOf(header.id), textAlign: alignOf(header.id) };
              if (!header.column.getCanSort()) return <Table.Th key={header.id} style={style}>{label}</Table.Th>;
              const Arrow = sorted === 'asc' ? IconArrowUp : sorted === 'desc' ? IconArrowDown : IconArrowsSort;
              return (
                <Table.Th key={header.id} style={style} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                  <UnstyledButton onClick={header.column.getToggleSortingHandler()} style={{ fontWeight: 'inherit', fontSize: 'inherit', display: 'inline-flex', alignItems: 'center', gap: 4 }} title="Urutkan">
                    {label}
                    <Arrow size={14} opacity={sorted ? 1 : 0.35} aria-hidden />
                  </UnstyledButton>
                </Table.Th>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Thead>
      <Table.Tbody>
        {padTop > 0 && <tr style={{ height: padTop }} aria-hidden />}
        {shown.map((row) => {
          const extra = props.rowProps?.(row.original);
          return (
            <Table.Tr
              key={row.id}
              {...extra}
              tabIndex={onRowClick ? 0 : undefined}
              style={onRowClick ? { cursor: 'pointer', ...extra?.style } : extra?.style}
              onClick={onRowClick ? () => onRowClick(row.original) : undefined}
              onKeyDown={onRowClick ? (e) => moveFocus(e, row) : undefined}
            >
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id} className={alignOf(cell.column.id) === 'right' ? 'num' : undefined} style={{ textAlign: alignOf(cell.column.id) }}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </Table.Td>
              ))}
            </Table.Tr>
          );
        })}
        {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden />}
        {rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={table.getVisibleLeafColumns().length}>
              {props.query.error && data === undefined ? (
                <Text c="red" ta="center" py="md" role="alert" data-testid="table-error">Data tidak dapat dimuat: {props.query.error.message}</Text>
              ) : props.query.isLoading || data === undefined ? (
                <Text c="dimmed" ta="center" py="md" role="status">Memuat…</Text>
              ) : (
                <Text c="dimmed" ta="center" py="md">{props.empty ?? 'Tidak ada data.'}</Text>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
  const shownCount = hideable.filter((c) => visibility[c.id] !== false).length;
  const menu = hideable.length > 0 && (
    <Group justify="flex-end" px="xs" pt={4}>
      <Menu closeOnItemClick={false} position="bottom-end" shadow="md">
        <Menu.Target>
          <Button variant="subtle" size="compact-xs" color="gray" leftSection={<IconColumns size={14} />} data-testid="kolom-menu">
            Kolom{shownCount < hideable.length ? ` (${hideable.length - shownCount} disembunyikan)` : ''}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Tampilkan kolom</Menu.Label>
          {hideable.map((c) => {
            const shown = visibility[c.id] !== false;
            return (
              <Menu.Item key={c.id} onClick={() => toggleColumn(c.id)} disabled={shown && shownCount === 1} data-testid={`kolom-${c.id}`}>
                <Checkbox size="xs" checked={shown} readOnly tabIndex={-1} label={menuLabel(c)} styles={{ input: { cursor: 'pointer' }, label: { cursor: 'pointer' } }} />
              </Menu.Item>
            );
          })}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
  const framed = !props.maxHeight && !virtual ? body : (
    <div ref={scroller} style={{ maxHeight: props.maxHeight ?? 'calc(100vh - 260px)', overflow: 'auto' }}>
      {body}
    </div>
  );
  if (!menu) return framed;
  return (
    <>
      {menu}
      {framed}
    </>
  );
}

/** A column's name in the "Kolom" menu: its label, else its header's text; '' for a column of buttons. */
function menuLabel<T>(c: DataColumn<T>): string {
  return c.label ?? (typeof c.header === 'string' ? c.header : '');
}

/** Numbers by value, text the Indonesian way (case and accents aside, "RT 2" before "RT 10"). */
export function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}
