"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ApiError, errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { useDeleteSecret } from "@/lib/secrets/hooks";
import type { SecretDto } from "@/lib/secrets/schemas";

interface Reference {
  identifier: string;
  name: string;
  orgIdentifier: string | null;
  projectIdentifier: string | null;
}

/** The connectors a 409 IN_USE answer says still use the secret. */
function referencesOf(err: unknown): Reference[] {
  if (!(err instanceof ApiError) || err.code !== "IN_USE") return [];
  const refs = err.problem.extra?.references;
  if (!Array.isArray(refs)) return [];
  return refs.filter(
    (r): r is Reference =>
      typeof r === "object" && r !== null && typeof r.identifier === "string" && typeof r.name === "string",
  );
}

const where = (r: Reference) =>
  r.projectIdentifier
    ? `project ${r.orgIdentifier} / ${r.projectIdentifier}`
    : r.orgIdentifier
      ? `organization ${r.orgIdentifier}`
      : "account scope";

export function DeleteSecretDialog({
  secret,
  scope,
  onClose,
  onDeleted,
}: {
  secret: SecretDto | null;
  scope: ScopeRef;
  onClose: () => void;
  onDeleted?: (message: string) => void;
}) {
  const remove = useDeleteSecret(scope);
  const refs = referencesOf(remove.error);
  // One connector can reference the same secret from two fields; list it once.
  const connectors = [
    ...new Map(refs.map((r) => [`${r.orgIdentifier}/${r.projectIdentifier}/${r.identifier}`, r])).values(),
  ];

  return (
    <ConfirmDialog
      open={secret !== null}
      onOpenChange={(o) => {
        if (!o) {
          remove.reset();
          onClose();
        }
      }}
      title={`Delete secret ${secret?.name ?? ""}?`}
      description={
        <>
          The encrypted value is destroyed and cannot be recovered. A secret that connectors still use cannot be
          deleted.
          {connectors.length > 0 && (
            // Inside the description's <p>, so spans (a list for assistive technology).
            <span className="mt-3 block rounded-md border border-border bg-surface-2 px-3 py-2">
              <span className="block text-xs font-medium uppercase tracking-wide text-muted">
                Used by {connectors.length === 1 ? "1 connector" : `${connectors.length} connectors`}
              </span>
              <span role="list" aria-label="Connectors using this secret" className="mt-1 block">
                {connectors.map((c) => (
                  <span
                    role="listitem"
                    key={`${c.orgIdentifier}/${c.projectIdentifier}/${c.identifier}`}
                    className="flex flex-wrap items-baseline gap-x-2 py-0.5"
                  >
                    <span className="font-medium text-fg">{c.name}</span>
                    <span className="font-mono text-xs">{c.identifier}</span>
                    <span className="text-xs">· {where(c)}</span>
                  </span>
                ))}
              </span>
            </span>
          )}
        </>
      }
      confirmLabel="Delete secret"
      pending={remove.isPending}
      error={remove.error ? errorMessage(remove.error) : undefined}
      onConfirm={() =>
        secret &&
        remove.mutate(secret.identifier, {
          onSuccess: () => {
            remove.reset();
            onClose();
            onDeleted?.(`Deleted secret ${secret.name}.`);
          },
        })
      }
    />
  );
}
