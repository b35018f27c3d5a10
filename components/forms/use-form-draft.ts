"use client";
// A form's draft as the user types: kept in browser storage (./drafts, values hold secret
// references only), restored after a reload, dropped once saved or discarded; while the values
// differ from the last saved ones, leaving the page asks first (./use-leave-guard). Secrets
// created inside the form are part of the draft, so discarding it can offer to delete them.
import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import type { CreatedSecret } from "./created-secrets";
import { readDraft, removeDraft, writeDraft } from "./drafts";
import { useLeaveGuard } from "./use-leave-guard";

export interface FormDraftData<V, X> {
  values: V;
  /** Form state beyond the values (wizard progress, choices that are not fields). */
  extra: X;
  createdSecrets: CreatedSecret[];
}

export interface FormDraftOptions<V extends FieldValues, X> {
  // The form's other type parameters do not matter here: only values are read and reset.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: UseFormReturn<V, any, any>;
  /** Where the draft lives (./drafts draftKey); null keeps none (an edit): only the guard works. */
  draftKey: string | null;
  format: number;
  /** Kept with the values; pass a memoised object (a new one each render rewrites the draft). */
  extra: X;
  /** A draft was found: put its extra state back. The values are already in the form. */
  onRestore?: (extra: X, values: V) => void;
  /** Asked before leaving with unsaved changes; without one, nothing is asked. */
  leaveMessage?: string;
  /** While saving the page moves on by itself: the guard stands down. */
  busy?: boolean;
}

export interface FormDraft<V> {
  /** The draft was read (after hydration): effects that depend on restored values may run. */
  ready: boolean;
  /** A draft was restored and not yet saved or discarded: show the notice. */
  restored: boolean;
  /** The values differ from the last saved (or opened) ones. */
  dirty: boolean;
  /** Bumped when a draft replaces the values: a `key` that remounts fields keeping own state. */
  generation: number;
  createdSecrets: CreatedSecret[];
  onSecretCreated: (secret: CreatedSecret) => void;
  /** Saved: the current values become the baseline, the draft goes and is not written again. */
  markSaved: () => void;
  /** A newer saved copy was loaded into the form: it becomes the baseline. */
  rebase: () => void;
  /** Drops the draft and resets the form to `values` (the caller resets its own extra state). */
  discard: (values: V) => void;
}

export function useFormDraft<V extends FieldValues, X = undefined>(opts: FormDraftOptions<V, X>): FormDraft<V> {
  const { form, draftKey: key, format, extra, leaveMessage } = opts;
  const [opened] = useState(() => JSON.stringify(form.getValues()));
  const baseline = useRef(opened);
  const closed = useRef(false); // saved: the resource exists, a draft would only mislead
  const [ready, setReady] = useState(key === null);
  const [restored, setRestored] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [createdSecrets, setCreatedSecrets] = useState<CreatedSecret[]>([]);
  const onRestore = useRef(opts.onRestore);
  useEffect(() => {
    onRestore.current = opts.onRestore;
  });

  // Read once per key on the client (the server renders the empty form).
  useEffect(() => {
    if (!key) return;
    const draft = readDraft<FormDraftData<V, X>>(key, format);
    // Browser storage is the external system this effect synchronises with.
    /* eslint-disable react-hooks/set-state-in-effect */
    if (draft) {
      form.reset(draft.values, { keepDefaultValues: true });
      onRestore.current?.(draft.extra, draft.values);
      setCreatedSecrets(draft.createdSecrets ?? []);
      setRestored(true);
      setGeneration((g) => g + 1);
      setDirty(JSON.stringify(form.getValues()) !== baseline.current);
    }
    setReady(true);
    /* eslint-enable react-hooks/set-state-in-effect */
  }, [key, format, form]);

  const saveDraft = useCallback(() => {
    if (!key || closed.current) return;
    const values = form.getValues();
    if (JSON.stringify(values) === baseline.current && !createdSecrets.length) return removeDraft(key);
    writeDraft<FormDraftData<V, X>>(key, format, { values, extra, createdSecrets });
  }, [key, format, form, extra, createdSecrets]);

  // The draft follows the values (debounced); a reload within the debounce keeps the last keys.
  useEffect(() => {
    if (!ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = form.subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        setDirty(JSON.stringify(values) !== baseline.current);
        clearTimeout(timer);
        timer = setTimeout(saveDraft, 300);
      },
    });
    window.addEventListener("pagehide", saveDraft);
    return () => {
      unsubscribe();
      clearTimeout(timer);
      window.removeEventListener("pagehide", saveDraft);
    };
  }, [ready, form, saveDraft]);
  // Extra state and created secrets are part of the draft too.
  useEffect(() => {
    if (ready) saveDraft();
  }, [ready, saveDraft]);

  useLeaveGuard(dirty && !opts.busy && Boolean(leaveMessage), leaveMessage ?? "");

  const onSecretCreated = useCallback(
    (s: CreatedSecret) => setCreatedSecrets((list) => [...list.filter((x) => x.ref !== s.ref), s]),
    [],
  );
  const rebase = useCallback(() => {
    baseline.current = JSON.stringify(form.getValues());
    setDirty(false);
  }, [form]);
  const markSaved = useCallback(() => {
    closed.current = true;
    if (key) removeDraft(key);
    rebase();
    setRestored(false);
  }, [key, rebase]);
  const discard = useCallback(
    (values: V) => {
      if (key) removeDraft(key);
      form.reset(values);
      rebase();
      setCreatedSecrets([]);
      setRestored(false);
      setGeneration((g) => g + 1);
    },
    [key, form, rebase],
  );

  return { ready, restored, dirty, generation, createdSecrets, onSecretCreated, markSaved, rebase, discard };
}
