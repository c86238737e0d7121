import { Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type Row, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';

/** One column of a DataTable. */
export interface DataColumn<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** What the column sorts by; without it the header does not sort. Strings sort the Indonesian way. */
  sortValue?: (row: T) => string | number | null;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
}

export interface DataTableProps<T> {
  /** The page's query of the rows (react-query's result): its rows, and 'Memuat…' while the first ones load. */
  query: { data?: T[] | undefined; isLoading: boolean };
  columns: DataColumn<T>[];
  /** A row's key; by default its `id`. */
  rowKey?: (row: T) => string | number;
  /** Said in the table when there are no rows. */
  empty?: ReactNode;
  /** Opens a row: by click, or Enter on the focused row (rows are then in the tab order; ↑/↓ move between them). */
  onRowClick?: (row: T) => void;
  /** Extra attributes of a row (e.g. its data-testid). */
  rowProps?: (row: T) => Record<string, string | undefined>;
  /** The table scrolls inside this height with its header kept in view. */
  maxHeight?: string;
  /** From this many rows on, only the rows in view are drawn (long lists stay fast). Default 150. */
  virtualFrom?: number;
  initialSort?: { id: string; desc?: boolean };
  striped?: boolean;
  verticalSpacing?: 'xs' | 'sm' | 'md' | number;
  'data-testid'?: string;
}

const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });
const NO_ROWS: never[] = [];
const ROW_ESTIMATE = 44;

/**
 * The one table of the app's lists: sortable headers (click, or Enter/Space on the focused header), a loader
 * while the first rows come, an empty message, rows opened by click or keyboard, and only the visible rows
 * drawn once a list is long. Columns say how to show and how to sort a row; the rows are the page's data as is.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, onRowClick, rowKey = (row: T) => (row as { id: string | number }).id } = props;
  const data = props.query.data;
  const [sorting, setSorting] = useState<SortingState>(props.initialSort ? [{ id: props.initialSort.id, desc: !!props.initialSort.desc }] : []);
  const defs = useMemo<ColumnDef<T>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: () => c.header,
        cell: (info) => c.cell(info.row.original),
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
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => String(rowKey(row)),
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
    <Table striped={props.striped ?? true} highlightOnHover stickyHeader={!!props.maxHeight} verticalSpacing={props.verticalSpacing ?? 'xs'} data-testid={props['data-testid']}>
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
        {shown.map((row) => (
          <Table.Tr
            key={row.id}
            {...props.rowProps?.(row.original)}
            tabIndex={onRowClick ? 0 : undefined}
            style={onRowClick ? { cursor: 'pointer' } : undefined}
            onClick={onRowClick ? () => onRowClick(row.original) : undefined}
            onKeyDown={onRowClick ? (e) => moveFocus(e, row) : undefined}
          >
            {row.getVisibleCells().map((cell) => (
              <Table.Td key={cell.id} style={{ textAlign: alignOf(cell.column.id) }}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
        {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden />}
        {rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={columns.length}>
              {props.query.isLoading || data === undefined ? (
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
  if (!props.maxHeight && !virtual) return body;
  return (
    <div ref={scroller} style={{ maxHeight: props.maxHeight ?? 'calc(100vh - 260px)', overflow: 'auto' }}>
      {body}
    </div>
  );
}

/** Numbers by value, text the Indonesian way (case and accents aside, "RT 2" before "RT 10"). */
export function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}
