"use client";
// Everything around a list's table: loading, the query's error, the empty state (nothing yet,
// or nothing matching the filters) and "Load more" while the API has another page.
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { IconName } from "@/components/ui/icons";
import { Alert, EmptyState } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { errorMessage } from "@/lib/http/client";

/** What a list needs of a TanStack query; an infinite query adds the paging members. */
export interface ListQuery {
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?: () => unknown;
}

/** The items of every page an infinite query has loaded so far. */
export const pageItems = <T,>(data: { pages: readonly { items: readonly T[] }[] } | undefined): T[] =>
  data?.pages.flatMap((p) => p.items) ?? [];

function Loading({ children }: { children: ReactNode }) {
  return (
    <div className="flex items-center gap-2 py-10 text-sm text-muted">
      <Spinner /> {children}
    </div>
  );
}

/** The outcome of the last action on the page ("Created environment Staging."). */
export function Notice({ children }: { children?: string }) {
  if (!children) return null;
  return (
    <div className="mb-4">
      <Alert tone="success">{children}</Alert>
    </div>
  );
}

interface Empty {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}

export function ListResults({
  query,
  count,
  loading,
  icon,
  empty,
  noMatch,
  loadMoreLabel = "Load more",
  children,
}: {
  query: ListQuery;
  /** How many items are shown (children render only when there are some). */
  count: number;
  loading: string;
  icon: IconName;
  /** The list holds nothing yet. */
  empty: Empty;
  /** Set while filters are active: what to say when nothing matches them. */
  noMatch?: Empty & { onClear?: () => void };
  loadMoreLabel?: string;
  children: ReactNode;
}) {
  // The server renders the loading state; so does hydration, or a cached answer would not match.
  const hydrated = useHydrated();
  const shownEmpty = noMatch ?? empty;
  const action =
    noMatch && !noMatch.action && noMatch.onClear ? <Button onClick={noMatch.onClear}>Clear filters</Button> : null;
  return (
    <>
      {(query.isPending || !hydrated) && <Loading>{loading}</Loading>}
      {hydrated && query.isError && <Alert>{errorMessage(query.error)}</Alert>}
      {hydrated && query.isSuccess && count === 0 && (
        <EmptyState title={shownEmpty.title} icon={icon} action={shownEmpty.action ?? action}>
          {shownEmpty.children}
        </EmptyState>
      )}
      {hydrated && count > 0 && children}
      {hydrated && query.hasNextPage && query.fetchNextPage && (
        <div className="mt-4 flex justify-center">
          <Button onClick={() => void query.fetchNextPage!()} loading={query.isFetchingNextPage}>
            {loadMoreLabel}
          </Button>
        </div>
      )}
    </>
  );
}
