"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, errorMessage } from "@/lib/http/client";

/** Loading, not-found and error states for pages that show one definition. */
export function InfrastructureLoadState({
  error,
  identifier,
  environment,
  listHref,
}: {
  error: unknown;
  identifier: string;
  environment: string;
  listHref: string;
}) {
  if (!environment || (error instanceof ApiError && error.status === 404)) {
    return (
      <EmptyState
        title="Infrastructure definition not found"
        icon="infrastructure"
        action={
          <Button asChild>
            <Link href={listHref}>Back to infrastructure definitions</Link>
          </Button>
        }
      >
        {environment ? (
          <>
            There is no definition <span className="font-mono">{identifier}</span> in environment{" "}
            <span className="font-mono">{environment}</span> of this project. It may have been deleted, or it lives in
            another project.
          </>
        ) : (
          <>This link does not say which environment the definition belongs to. Open it from the list.</>
        )}
      </EmptyState>
    );
  }
  if (!error) {
    return (
      <div className="flex items-center gap-2 py-10 text-sm text-muted">
        <Spinner /> Loading infrastructure definition…
      </div>
    );
  }
  return <Alert>{errorMessage(error)}</Alert>;
}
