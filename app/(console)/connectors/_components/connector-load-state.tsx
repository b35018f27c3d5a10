"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, errorMessage } from "@/lib/http/client";

/** Loading, not-found and error states for pages that show one connector. */
export function ConnectorLoadState({
  error,
  identifier,
  listHref,
}: {
  error: unknown;
  identifier: string;
  listHref: string;
}) {
  if (!error) {
    return (
      <div className="flex items-center gap-2 py-10 text-sm text-muted">
        <Spinner /> Loading connector…
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <EmptyState
        title="Connector not found"
        icon="connectors"
        action={
          <Button asChild>
            <Link href={listHref}>Back to connectors</Link>
          </Button>
        }
      >
        There is no connector <span className="font-mono">{identifier}</span> in this scope. It may have been deleted,
        or it lives in another organization or project.
      </EmptyState>
    );
  }
  return <Alert>{errorMessage(error)}</Alert>;
}
