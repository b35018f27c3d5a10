"use client";
// The one table of the console: columns say what a cell shows; the table owns the markup,
// spacing, sorting headers and narrow-screen behaviour, so every list reads the same.
import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import { cn } from "./cn";

export type SortOrder = "asc" | "desc";
export interface Sort<F extends string = string> {
  field: F;
  order: SortOrder;
}

// Literal classes, so Tailwind sees them: a column hidden below a breakpoint still reads in the
// row's text content, and the rest of the row stays legible on a phone.
const HIDE_BELOW = {
  sm: "hidden sm:table-cell",
  md: "hidden md:table-cell",
  lg: "hidden lg:table-cell",
  xl: "hidden xl:table-cell",
} as const;

export interface Column<T, F extends string = string> {
  id: string;
  header: string;
  /** The heading is for assistive technology only (an actions column). */
  srOnly?: boolean;
  cell: (row: T) => ReactNode;
  className?: string;
  hideBelow?: keyof typeof HIDE_BELOW;
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
  const edge = "first:pl-4 last:pr-4";
  return (
    // Relative: visually hidden headings (absolutely positioned) stay inside the scrolling box
    // instead of widening the page on a phone.
    <div className="relative overflow-x-auto rounded-lg border border-border bg-surface">
      <table className={cn("w-full border-collapse text-left text-sm", className)}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border bg-surface-2/60">
          <tr>
            {columns.map((c) => {
              const active = c.sort && sort?.field === c.sort.field;
              return (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={active ? ORDER_WORD[sort!.order] : undefined}
                  className={cn(
                    "px-3 py-2.5 text-xs font-medium whitespace-nowrap text-muted",
                    edge,
                    c.align === "end" && "text-right",
                    c.hideBelow && HIDE_BELOW[c.hideBelow],
                  )}
                >
                  {c.srOnly ? (
                    <span className="sr-only">{c.header}</span>
                  ) : c.sort && sort && onSort ? (
                    <SortButton label={c.header} by={c.sort} sort={sort} onSort={onSort} />
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const more = expanded?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr aria-label={rowLabel?.(row)} className="border-b border-border last:border-0 hover:bg-surface-2/40">
                  {columns.map((c) => (
                    <td
                      key={c.id}
                      className={cn(
                        "px-3 py-3 align-top",
                        edge,
                        c.align === "end" && "text-right",
                        c.hideBelow && HIDE_BELOW[c.hideBelow],
                        c.className,
                      )}
                    >
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
                {more && (
                  <tr className="border-b border-border bg-surface-2/40 last:border-0">
                    <td colSpan={columns.length} className="px-4">
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
    <div className="max-w-48 min-w-0 sm:max-w-72">
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
    cell: (row) => <div className="flex justify-end gap-1.5 whitespace-nowrap">{cell(row)}</div>,
  };
}
