// Drafts of unsaved forms in the browser's localStorage: what the user typed survives a reload
// or a wander elsewhere. A draft holds form values only, and form values hold secret
// *references*: a secret's value is typed in the create-secret dialog, whose own form is never
// part of a draft.
import type { ScopeRef } from "@/lib/scope";

const PREFIX = "conduit.draft:";

/** One draft per kind of resource, scope and thing edited ("new" for a resource not yet saved). */
export const draftKey = (kind: string, scope: ScopeRef, what = "new"): string =>
  `${PREFIX}${kind}:${scope.org ?? "-"}/${scope.project ?? "-"}:${what}`;

const storage = (): Storage | undefined => {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined; // storage disabled (privacy settings): drafts are simply not kept
  }
};

export interface Stored<T> {
  /** The draft's format; a draft of another format is dropped rather than misread. */
  format: number;
  savedAt: string;
  data: T;
}

export function readDraft<T>(key: string, format: number): T | undefined {
  const raw = storage()?.getItem(key);
  if (!raw) return undefined;
  try {
    const stored = JSON.parse(raw) as Partial<Stored<T>>;
    if (stored?.format === format && stored.data !== undefined) return stored.data;
  } catch {
    // unreadable: fall through and drop it
  }
  removeDraft(key);
  return undefined;
}

export function writeDraft<T>(key: string, format: number, data: T): void {
  const stored: Stored<T> = { format, savedAt: new Date().toISOString(), data };
  try {
    storage()?.setItem(key, JSON.stringify(stored));
  } catch {
    // quota exceeded or storage disabled: the draft is not kept, the form still works
  }
}

export function removeDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // nothing to do
  }
}
