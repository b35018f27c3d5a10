"use client";
import type { ComponentType } from "react";
import { latestOf } from "@/components/forms/version-conflict";
import { Dialog } from "@/components/ui/dialog";
import type { ScopeRef } from "@/lib/scope";
import { useSecrets } from "@/lib/secrets/hooks";
import type { SecretDto } from "@/lib/secrets/schemas";

export interface SecretDialogProps {
  /** The listed secret the dialog is about; null while it is closed. */
  secret: SecretDto | null;
  scope: ScopeRef;
  onClose: () => void;
  onSaved?: (message: string) => void;
}
export type SecretFormProps = Omit<SecretDialogProps, "secret" | "onClose"> & { secret: SecretDto; onDone: () => void };

/** A dialog around a form about one listed secret; the form mounts while a secret is chosen. */
export function SecretDialog({
  secret,
  scope,
  onClose,
  onSaved,
  title,
  description,
  Form,
}: SecretDialogProps & { title: string; description: string; Form: ComponentType<SecretFormProps> }) {
  return (
    <Dialog open={secret !== null} onOpenChange={(o) => !o && onClose()} title={title} description={description}>
      {secret && <Form secret={secret} scope={scope} onDone={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

/** The newest saved copy of one secret, for "Reload their version": the API reads secrets as a list. */
export const useLatestSecret = (scope: ScopeRef, identifier: string) =>
  latestOf(useSecrets(scope), (items) => items.find((s) => s.identifier === identifier));
