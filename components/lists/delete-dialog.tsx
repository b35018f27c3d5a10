"use client";
// Deleting from a list asks first. A refusal shows the server's problem detail, and a 409
// IN_USE also lists every referrer from `extra.references`, so the user sees what to change.
import { useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ApiError, errorMessage } from "@/lib/http/client";
import type { Referrer, ResourceType } from "@/lib/resource/types";
import { TYPE_WORDS, blockedPhrase } from "@/lib/resource/words";
import { scopeLabel } from "@/lib/scope/keys";

/** What the dialog needs of a TanStack delete mutation. */
interface DeleteMutation<V> {
  mutate: (variables: V, options: { onSuccess: () => void }) => void;
  reset: () => void;
  isPending: boolean;
  error: unknown;
}

/** The referrers a 409 IN_USE names, each once (one item may refer from two fields). */
function referencesOf(err: unknown): Referrer[] {
  if (!(err instanceof ApiError) || err.code !== "IN_USE") return [];
  const refs = err.problem.extra?.references;
  if (!Array.isArray(refs)) return [];
  const valid = refs.filter(
    (r): r is Referrer =>
      typeof r === "object" &&
      r !== null &&
      typeof r.type === "string" &&
      r.type in TYPE_WORDS &&
      typeof r.identifier === "string",
  );
  return [...new Map(valid.map((r) => [refKey(r), r])).values()];
}

const refKey = (r: Referrer) => [r.type, r.orgIdentifier, r.projectIdentifier, r.environment, r.identifier].join("/");

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function References({ type, refs }: { type: ResourceType; refs: Referrer[] }) {
  const kinds = new Set(refs.map((r) => r.type));
  const noun = kinds.size === 1 ? TYPE_WORDS[refs[0]!.type] : "item";
  const plural = `${noun}s`;
  const holds = blockedPhrase(type).verb === "still holds";
  const what = TYPE_WORDS[type];
  return (
    // Inside the dialog's description, a <p>: spans with list roles, not <ul>.
    <span className="mt-3 block rounded-md border border-border bg-surface-2 px-3 py-2">
      <span className="block text-xs font-medium tracking-wide text-muted uppercase">
        {holds ? "Holds" : "Used by"} {refs.length} {refs.length === 1 ? noun : plural}
      </span>
      <span
        role="list"
        aria-label={`${capital(plural)} ${holds ? "in" : "using"} this ${what}`}
        className="mt-1 block max-h-48 overflow-y-auto"
      >
        {refs.map((r) => (
          <span role="listitem" key={refKey(r)} className="flex flex-wrap items-baseline gap-x-2 py-0.5">
            {r.name && <span className="font-medium text-fg">{r.name}</span>}
            <span className="font-mono text-xs">{r.identifier}</span>
            <span className="text-xs">
              · {kinds.size > 1 && `${TYPE_WORDS[r.type]}, `}
              {r.environment && `environment ${r.environment}, `}
              {scopeLabel(r)}
            </span>
          </span>
        ))}
      </span>
    </span>
  );
}

export function DeleteDialog<T, V>({
  target,
  type,
  title,
  description,
  confirmLabel,
  mutation,
  variables,
  onClose,
  onDeleted,
}: {
  /** The item to delete; null while the dialog is closed. */
  target: T | null;
  /** The kind being deleted, for the words around its referrers. */
  type: ResourceType;
  title: (item: T) => string;
  description: (item: T) => ReactNode;
  confirmLabel: string;
  mutation: DeleteMutation<V>;
  variables: (item: T) => V;
  onClose: () => void;
  onDeleted?: (item: T) => void;
}) {
  // The last item stays in the text while the dialog closes, instead of an empty title.
  const [shown, setShown] = useState(target);
  if (target !== null && target !== shown) setShown(target);
  const refs = referencesOf(mutation.error);
  const close = () => {
    // A refusal belongs to that attempt: the next opening starts clean.
    mutation.reset();
    onClose();
  };

  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={(open) => !open && close()}
      title={shown ? title(shown) : ""}
      description={
        shown && (
          <>
            {description(shown)}
            {refs.length > 0 && <References type={type} refs={refs} />}
          </>
        )
      }
      confirmLabel={confirmLabel}
      pending={mutation.isPending}
      error={mutation.error ? errorMessage(mutation.error) : undefined}
      onConfirm={() => {
        if (!target) return;
        mutation.mutate(variables(target), {
          onSuccess: () => {
            close();
            onDeleted?.(target);
          },
        });
      }}
    />
  );
}
