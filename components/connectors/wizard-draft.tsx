"use client";
// The new-connector wizard's draft: the "Draft restored · Discard" notice, the list of secrets
// created inside the wizard, and the discard dialog that offers to delete them.
import { useState } from "react";
import type { CreatedSecret } from "@/components/secrets/created-secrets";
import { Button } from "@/components/ui/button";
// The dialog's code loads when it first opens (first-load budget: scripts/bundle-budget.ts).
import { LazyDialog as Dialog } from "@/components/ui/lazy-dialog";
import { apiFetch, errorMessage } from "@/lib/http/client";
import type { ConnectorFormValues } from "@/lib/connectors/schemas";
import type { DelegateMode } from "./steps/delegates-step";

/** What the browser keeps of an unsaved connector: form values (secret refs only) and progress. */
export interface ConnectorDraft {
  values: ConnectorFormValues;
  reached: number;
  identifierTouched: boolean;
  delegateMode: DelegateMode;
  createdSecrets: CreatedSecret[];
}
export const DRAFT_FORMAT = 1;

export function DraftNotice({ onDiscard }: { onDiscard: () => void }) {
  return (
    <div
      role="status"
      className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-accent/40 bg-accent/10 px-3 py-2 text-sm"
    >
      <span>Draft restored: what you entered before is back.</span>
      <span aria-hidden className="text-muted">
        ·
      </span>
      <Button variant="ghost" onClick={onDiscard} className="-my-1">
        Discard
      </Button>
    </div>
  );
}

const where = (s: CreatedSecret) =>
  s.project ? `project ${s.org}/${s.project}` : s.org ? `organization ${s.org}` : "the account";

export function CreatedSecretsList({ secrets, saved }: { secrets: CreatedSecret[]; saved: boolean }) {
  if (!secrets.length) return null;
  return (
    <section aria-label="Secrets created in this wizard" className="rounded-md border border-border p-3 text-sm">
      <p className="font-medium">Secrets created in this wizard</p>
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
          ? "The connector refers to them; they stay when you leave."
          : "Discarding this draft offers to delete them."}
      </p>
    </section>
  );
}

/** Asks before a draft goes; with secrets created in the wizard, offers to delete them too. */
export function DiscardDraftDialog({
  open,
  onOpenChange,
  secrets,
  onDiscarded,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
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
      description="What you entered for this connector is cleared. This cannot be undone."
    >
      {secrets.length > 0 && (
        <div className="flex flex-col gap-2 text-sm">
          <p>These secrets were created in this wizard:</p>
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
