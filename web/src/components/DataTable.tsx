import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The pieces every office table repeats: a header row of column titles (the last one, the actions,
 * often named for screen readers only), the one-line "nothing here" row, and the list table that
 * scrolls sideways on a phone as a keyboard-reachable, named region.
 */

/** The header row. `actions`: a last column whose title only screen readers read. */
export function TableHead({ columns, actions }: { columns: readonly ReactNode[]; actions?: string }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((title, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns never move
          <Table.Th key={i} scope="col">
            {title}
          </Table.Th>
        ))}
        {actions && (
          <Table.Th scope="col">
            <span className="visually-hidden">{actions}</span>
          </Table.Th>
        )}
      </Table.Tr>
    </Table.Thead>
  );
}

/** "Không có …": one cell across the table. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>{children}</Table.Td>
    </Table.Tr>
  );
}

/**
 * A striped list table in a region that scrolls sideways below `minWidth` (focusable, so that a
 * keyboard can scroll it; named by `label`). Shows `empty` in one row when `isEmpty`.
 */
export function ListTable({
  label,
  minWidth,
  columns,
  testId,
  isEmpty = false,
  empty,
  emptySpan,
  children,
}: {
  label: string;
  minWidth: number;
  columns: readonly ReactNode[];
  testId?: string;
  isEmpty?: boolean;
  empty?: ReactNode;
  /** Columns the empty row spans; all of them unless told. */
  emptySpan?: number;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={label}>
      <Table striped fz="sm" data-testid={testId}>
        <TableHead columns={columns} />
        <Table.Tbody>
          {children}
          {isEmpty && <EmptyRow colSpan={emptySpan ?? columns.length}>{empty}</EmptyRow>}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
