"use client";
// The one table of the console: columns say what a cell shows; the table owns the markup,
// spacing, sorting headers and narrow-screen behaviour, so every list reads the same.
//
// Phones (below `sm`): the same table, restyled as stacked rows. Each row is a card: the primary
// cell first, every other cell a "label: value" line (the label is the column's header, drawn
// from `data-label` by app/globals.css and hidden from assistive technology, which hears the
// header through the table), the row's actions last. The elements keep explicit table roles,
// since some browsers drop a table's semantics once its display changes. Sortable headers stay
// visible as a "Sort by" bar above the rows; the other headers are visually hidden.
import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import { cn } from "./cn";

export type SortOrder = "asc" | "desc";
export interface Sort<F extends string = string> {
  field: F;
  order: SortOrder;
}

// Literal classes, so Tailwind sees them: a column hidden below a breakpoint keeps the table
// narrow from `sm` up; on a phone the stacked row has room for it again, as a line of its own.
const HIDE_BELOW = {
  sm: "hidden max-sm:flex sm:table-cell",
  md: "hidden max-sm:flex md:table-cell",
  lg: "hidden max-sm:flex lg:table-cell",
  xl: "hidden max-sm:flex xl:table-cell",
} as const;

export interface Column<T, F extends string = string> {
  id: string;
  header: string;
  /** The heading is for assistive technology only (an actions column). */
  srOnly?: boolean;
  cell: (row: T) => ReactNode;
  className?: string;
  /** Hidden below this breakpoint while the table is a table (from `sm` up); phones show it as a line. */
  hideBelow?: keyof typeof HIDE_BELOW;
  /** The cell that heads the row's card on a phone (without a label); the first column unless one says so. */
  primary?: boolean;
  align?: "end";
  /** The server field this column sorts by, and the order a first click asks for. */
  sort?: { field: F; first: SortOrder };
}

const ORDER_WORD = { asc: "ascending", desc: "descending" } as const;

function SortButton<F extends string>({
  label,
  by,
  sort,
  onSort,
}: {
  label: string;
  by: NonNullable<Column<unknown, F>["sort"]>;
  sort: Sort<F>;
  onSort: (s: Sort<F>) => void;
}) {
  const active = sort.field === by.field;
  const order: SortOrder = active ? (sort.order === "asc" ? "desc" : "asc") : by.first;
  return (
    <button
      type="button"
      onClick={() => onSort({ field: by.field, order })}
      className={cn("-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-fg", active && "text-fg")}
      aria-label={`Sort by ${label.toLowerCase()}${active ? `, now ${ORDER_WORD[sort.order]}` : ""}`}
    >
      {label}
      <span aria-hidden className={cn("text-[10px]", !active && "opacity-40")}>
        {active ? (sort.order === "asc" ? "▲" : "▼") : "▲▼"}
      </span>
    </button>
  );
}

export function DataTable<T, F extends string = string>({
  caption,
  columns,
  rows,
  rowKey,
  rowLabel,
  sort,
  onSort,
  expanded,
  className,
}: {
  /** Names the table for screen readers (visually hidden). */
  caption: string;
  columns: readonly Column<T, F>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The row's accessible name, when its cells alone would not say which item it is. */
  rowLabel?: (row: T) => string;
  sort?: Sort<F>;
  onSort?: (s: Sort<F>) => void;
  /** A full-width row under a row (details it opens), or nothing. */
  expanded?: (row: T) => ReactNode;
  /** Classes of the <table>, e.g. the width below which it scrolls instead of squeezing. */
  className?: string;
}) {
  const edge = "sm:first:pl-4 sm:last:pr-4";
  const primary = Math.max(
    0,
    columns.findIndex((c) => c.primary),
  );
  // Phones show the sortable headers as a bar above the rows (no bar without sorting).
  const sortBar = Boolean(sort && onSort && columns.some((c) => c.sort));
  return (
    // Relative: visually hidden headings (absolutely positioned) stay inside the scrolling box
    // instead of widening the page on a phone.
    <div className="relative overflow-x-auto rounded-lg border border-border bg-surface">
      {/* Explicit roles: a table whose display changes on a phone stays a table to screen readers. */}
      <table
        role="table"
        className={cn("w-full border-collapse text-left text-sm max-sm:block", className, "max-sm:min-w-0")}
      >
        <caption className="sr-only">{caption}</caption>
        <thead
          role="rowgroup"
          className={cn("border-b border-border bg-surface-2/60 max-sm:block", !sortBar && "max-sm:sr-only")}
        >
          <tr
            role="row"
            data-sort-bar={sortBar || undefined}
            className="max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-4 max-sm:px-4 max-sm:py-1"
          >
            {columns.map((c) => {
              const active = c.sort && sort?.field === c.sort.field;
              const sortable = Boolean(c.sort && sort && onSort);
              return (
                <th
                  key={c.id}
                  role="columnheader"
                  scope="col"
                  aria-sort={active ? ORDER_WORD[sort!.order] : undefined}
                  className={cn(
                    "px-3 py-2.5 text-xs font-medium whitespace-nowrap text-muted",
                    edge,
                    c.align === "end" && "text-right",
                    c.hideBelow && HIDE_BELOW[c.hideBelow],
                    sortable && !c.srOnly ? "max-sm:block max-sm:p-0" : "max-sm:sr-only",
                  )}
                >
                  {c.srOnly ? (
                    <span className="sr-only">{c.header}</span>
                  ) : sortable ? (
                    <SortButton label={c.header} by={c.sort!} sort={sort!} onSort={onSort!} />
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody role="rowgroup" className="max-sm:block">
          {rows.map((row) => {
            const more = expanded?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr
                  role="row"
                  aria-label={rowLabel?.(row)}
                  className="border-b border-border last:border-0 hover:bg-surface-2/40 max-sm:flex max-sm:flex-col max-sm:gap-1.5 max-sm:px-4 max-sm:py-3"
                >
                  {columns.map((c, i) => (
                    <td
                      key={c.id}
                      role="cell"
                      // The phone's line label (app/globals.css), for every cell but the card's head and
                      // the actions.
                      data-label={i === primary || c.srOnly ? undefined : c.header}
                      className={cn(
                        "px-3 py-3 align-top",
                        edge,
                        c.align === "end" && "text-right",
                        c.hideBelow && HIDE_BELOW[c.hideBelow],
                        c.className,
                        "max-sm:flex max-sm:min-w-0 max-sm:items-baseline max-sm:gap-3 max-sm:p-0 max-sm:text-left",
                        i === primary && "max-sm:order-first max-sm:text-[15px]",
                        c.srOnly && "max-sm:pt-1",
                      )}
                    >
                      {/* One box for the value, so a cell of several parts stays one line's value on a phone. */}
                      <div className="min-w-0 max-sm:flex-1 max-sm:break-words max-sm:whitespace-normal">
                        {c.cell(row)}
                      </div>
                    </td>
                  ))}
                </tr>
                {more && (
                  <tr role="row" className="border-b border-border bg-surface-2/40 last:border-0 max-sm:block">
                    <td role="cell" colSpan={columns.length} className="px-4 max-sm:block">
                      {more}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The first cell of most lists: the name (a link to the item when it has a page), its identifier. */
export function NameCell({
  name,
  identifier,
  href,
  children,
}: {
  name: string;
  identifier: string;
  href?: string;
  /** More lines under the identifier (a description, a URL). */
  children?: ReactNode;
}) {
  return (
    <div className="min-w-0 sm:max-w-72">
      {href ? (
        <Link href={href} className="font-medium text-accent hover:underline">
          {name}
        </Link>
      ) : (
        <div className="font-medium">{name}</div>
      )}
      <div className="truncate font-mono text-xs text-muted" title={identifier}>
        {identifier}
      </div>
      {children}
    </div>
  );
}

/** The row's buttons, right-aligned; the column's heading is only read out. */
export function actionsColumn<T>(cell: (row: T) => ReactNode): Column<T, never> {
  return {
    id: "actions",
    header: "Actions",
    srOnly: true,
    align: "end",
    className: "py-2.5",
    cell: (row) => (
      <div className="flex justify-end gap-1.5 whitespace-nowrap max-sm:flex-wrap max-sm:justify-start">
        {cell(row)}
      </div>
    ),
  };
}
