"use client";
// What a form with a draft (./use-form-draft) shows: the "Draft restored" notice, the secrets
// created inside the form, and the discard dialog that offers to delete them.
import { useState } from "react";
import { Button } from "@/components/ui/button";
// The dialog's code loads when it first opens (first-load budget: scripts/bundle-budget.ts).
import { LazyDialog as Dialog } from "@/components/ui/lazy-dialog";
import { apiFetch, errorMessage } from "@/lib/http/client";
import type { CreatedSecret } from "./created-secrets";

export function DraftNotice({ onDiscard }: { onDiscard: () => void }) {
  return (
    <div
      role="status"
      className="mt-4 flex items-center justify-between gap-3 rounded-md border border-accent/40 bg-accent/10 py-1 pl-3 pr-1 text-sm"
    >
      <p>
        <span className="font-medium">Draft restored.</span> What you entered before is back.
      </p>
      <Button variant="ghost" onClick={onDiscard} className="shrink-0">
        Discard
      </Button>
    </div>
  );
}

const where = (s: CreatedSecret) =>
  s.project ? `project ${s.org}/${s.project}` : s.org ? `organization ${s.org}` : "the account";

/** `place`: "this wizard", "this form"; `what`: what refers to the secrets once saved. */
export function CreatedSecretsList({
  secrets,
  saved,
  place,
  what,
}: {
  secrets: CreatedSecret[];
  saved: boolean;
  place: string;
  what: string;
}) {
  if (!secrets.length) return null;
  return (
    <section aria-label={`Secrets created in ${place}`} className="rounded-md border border-border p-3 text-sm">
      <p className="font-medium">Secrets created in {place}</p>
      <ul className="mt-1 list-disc pl-5">
        {secrets.map((s) => (
          <li key={`${s.org}/${s.project}/${s.identifier}`}>
            {s.name} <span className="font-mono text-muted">({s.identifier})</span>{" "}
            <span className="text-muted">in {where(s)}</span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-muted">
        {saved
          ? `The ${what} refers to them; they stay when you leave.`
          : "Discarding this draft offers to delete them."}
      </p>
    </section>
  );
}

/** Asks before a draft goes; with secrets created in the form, offers to delete them too. */
export function DiscardDraftDialog({
  open,
  onOpenChange,
  what,
  place,
  secrets,
  onDiscarded,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** "connector", "GitOps cluster": what the draft is of. */
  what: string;
  place: string;
  secrets: CreatedSecret[];
  onDiscarded: () => void;
}) {
  const [deleteSecrets, setDeleteSecrets] = useState(true);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  const discard = async () => {
    setError(undefined);
    if (deleteSecrets && secrets.length) {
      setPending(true);
      const failed: string[] = [];
      for (const s of secrets) {
        try {
          await apiFetch<void>(`/api/secrets/${encodeURIComponent(s.identifier)}`, {
            method: "DELETE",
            scope: { org: s.org, project: s.project },
          });
        } catch (err) {
          // Already gone is what we wanted; anything else is said, and the draft stays.
          if ((err as { status?: number }).status !== 404) failed.push(`${s.name}: ${errorMessage(err)}`);
        }
      }
      setPending(false);
      if (failed.length) return setError(`Not deleted: ${failed.join("; ")}`);
    }
    onDiscarded();
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !pending && onOpenChange(o)}
      title="Discard this draft?"
      description={`What you entered for this ${what} is cleared. This cannot be undone.`}
    >
      {secrets.length > 0 && (
        <div className="flex flex-col gap-2 text-sm">
          <p>These secrets were created in {place}:</p>
          <ul className="list-disc pl-5">
            {secrets.map((s) => (
              <li key={`${s.org}/${s.project}/${s.identifier}`}>
                {s.name} <span className="font-mono text-muted">({s.identifier})</span>
              </li>
            ))}
          </ul>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={deleteSecrets}
              onChange={(e) => setDeleteSecrets(e.target.checked)}
              className="size-4"
            />
            Delete {secrets.length === 1 ? "this secret" : `these ${secrets.length} secrets`} too
          </label>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md border border-danger/40 bg-danger/10 p-2 text-sm text-danger">
          {error}
        </p>
      )}
      <div className="mt-6 flex flex-wrap justify-end gap-2">
        <Button onClick={() => onOpenChange(false)} disabled={pending}>
          Keep the draft
        </Button>
        <Button variant="danger" loading={pending} onClick={() => void discard()}>
          Discard draft
        </Button>
      </div>
    </Dialog>
  );
}
