import type { HTMLAttributes, ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Class of the column's th and td (num, nowrap, col-narrow …). */
  className?: string;
}

interface DataTableProps<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Makes rows clickable (table-clickable). */
  onRowClick?: (row: T) => void;
  /** More attributes of a row's tr: data-testid, a selected class … */
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;
  className?: string;
}

/** A list as a table: one header row, one row per item. */
export function DataTable<T>({ columns, rows, rowKey, onRowClick, rowProps, className }: DataTableProps<T>) {
  return (
    <div className="table-wrap">
      <table className={['table', onRowClick ? 'table-clickable' : '', className ?? ''].filter(Boolean).join(' ')}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} onClick={onRowClick ? () => onRowClick(row) : undefined} {...rowProps?.(row)}>
              {columns.map((column, index) => (
                <td key={index} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
