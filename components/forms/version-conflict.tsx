"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { errorMessage } from "@/lib/http/client";
import { useConnector } from "@/lib/connectors/hooks";
import type { ConnectorDto } from "@/lib/connectors/dto";
import type { ScopeRef } from "@/lib/scope";

export { isVersionConflict } from "./version-conflict-error";

/**
 * Shown after a 409 VERSION_CONFLICT: explains what happened and offers to load the other
 * person's version, which replaces the local edits (so it asks first).
 */
export function VersionConflictAlert({
  onReload,
  reloading,
  what = "connector",
}: {
  onReload: () => void;
  reloading?: boolean;
  what?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div
      role="alert"
      className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-warning/50 bg-warning/10 p-3 text-sm"
    >
      <div className="min-w-0 flex-1 basis-72">
        <p className="font-semibold text-warning">Someone else saved this {what} while you were editing.</p>
        <p className="mt-1 text-fg">
          Your changes were not saved. Reload their version to see what changed, then make your edits again. Keep this
          page open if you want to copy your values first.
        </p>
      </div>
      <Button size="sm" onClick={() => setConfirming(true)} loading={reloading}>
        Reload their version
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Discard your changes?"
        description={`The ${what} is reloaded as it is saved now. Everything you changed here since you opened it is lost.`}
        confirmLabel="Discard my changes and reload"
        onConfirm={() => {
          setConfirming(false);
          onReload();
        }}
      />
    </div>
  );
}

/** What reloading needs of the resource's query (a TanStack query result fits). */
export interface LatestQuery<D> {
  isFetching: boolean;
  refetch: () => Promise<{ data?: D; error: unknown }>;
}

/** A list query standing in for one item's query, where the API has no single-item read. */
export function latestOf<L, D>(list: LatestQuery<L>, pick: (items: L) => D | undefined): LatestQuery<D> {
  return {
    isFetching: list.isFetching,
    refetch: () =>
      list.refetch().then((r) => {
        const data = r.data === undefined ? undefined : pick(r.data);
        return { data, error: r.error ?? (data ? null : new Error("It no longer exists: someone deleted it.")) };
      }),
  };
}

/**
 * The conflict notice of a form that edits one saved copy: "Reload their version" refetches
 * `latest` (the same resource's query) and hands the newest copy to `onLoaded`, which resets
 * the form; a failed refetch goes to `onError` as a message.
 */
export function ReloadLatestAlert<D>({
  what,
  latest,
  onLoaded,
  onError,
}: {
  what: string;
  latest: LatestQuery<D>;
  onLoaded: (dto: D) => void;
  onError: (message: string) => void;
}) {
  return (
    <VersionConflictAlert
      what={what}
      reloading={latest.isFetching}
      onReload={() => {
        void latest.refetch().then((r) => (r.data ? onLoaded(r.data) : onError(errorMessage(r.error))));
      }}
    />
  );
}

/** Fetches the newest saved version once it is mounted (bypassing the cache) and hands it over. */
export function LatestConnector({
  scope,
  identifier,
  onLoaded,
  onError,
}: {
  scope: ScopeRef;
  identifier: string;
  onLoaded: (dto: ConnectorDto) => void;
  onError: (err: unknown) => void;
}) {
  const query = useConnector(scope, identifier);
  const handlers = useRef({ onLoaded, onError, refetch: query.refetch });
  useEffect(() => {
    handlers.current = { onLoaded, onError, refetch: query.refetch };
  });
  useEffect(() => {
    const h = handlers.current;
    void h.refetch({ throwOnError: false }).then((r) => (r.data && !r.error ? h.onLoaded(r.data) : h.onError(r.error)));
  }, []);
  return null;
}
