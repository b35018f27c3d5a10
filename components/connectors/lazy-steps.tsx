"use client";
// What the connector wizard shows only later, each its own chunk: /connectors/new's first load
// carries the overview step alone. A step's code arrives when the user moves to it; the
// version-conflict notice (with its dialog) and the reload only after a 409. React.lazy rather
// than next/dynamic: the same split without next/dynamic's own loader in the first load.
import { Suspense, lazy, type ComponentType, type ReactNode } from "react";
import { Spinner } from "@/components/ui/spinner";

function Loading() {
  return (
    <div className="flex items-center gap-2 py-6 text-sm text-muted">
      <Spinner /> Loading…
    </div>
  );
}

/** `load`'s component, fetched when first rendered, with `fallback` meanwhile. */
function later<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = <Loading />) {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function Later(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const CredentialsStep = later(() => import("./steps/credentials-step").then((m) => m.CredentialsStep));
export const UsageStep = later(() => import("./steps/usage-step").then((m) => m.UsageStep));
export const BackoffStep = later(() => import("./steps/backoff-step").then((m) => m.BackoffStep));
export const DelegatesStep = later(() => import("./steps/delegates-step").then((m) => m.DelegatesStep));
export const ConnectionTestRunner = later(() =>
  import("@/components/connection-test/connection-test-runner").then((m) => m.ConnectionTestRunner),
);
export const VersionConflictAlert = later(
  () => import("@/components/forms/version-conflict").then((m) => m.VersionConflictAlert),
  null,
);
export const LatestConnector = later(
  () => import("@/components/forms/version-conflict").then((m) => m.LatestConnector),
  null,
);
