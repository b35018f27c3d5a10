"use client";
// One hook for every resource form: react-hook-form validated by the API's own zod contract,
// and the server's answer put where the user can act on it: 422 fieldErrors on their fields,
// a 409 VERSION_CONFLICT on "Reload their version", anything no field shows in one alert.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type BaseSyntheticEvent, type ReactNode } from "react";
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Mode,
  type Path,
  type UseFormReturn,
} from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/misc";
import { formMessage, ownerIn, placeFieldErrors } from "./problem-fields";
import { useFormDraft, type FormDraft, type FormDraftOptions } from "./use-form-draft";
import { useRecheckErrors } from "./recheck-errors";
import { ReloadLatestAlert, isVersionConflict, type LatestQuery } from "./version-conflict";

export { useRecheckErrors };

type Schema = z.ZodType<FieldValues, FieldValues>;

export interface ResourceFormOptions<S extends Schema, D> {
  schema: S;
  /** The saved copy the form edits (its version goes with the next save); null creates one. */
  item?: D | null;
  defaultValues: DefaultValues<z.input<S>>;
  /** The fields on screen: a server error whose path lies under one of them lands there. */
  fields: readonly Path<z.input<S>>[];
  mode?: Mode;
  /** After a 409 VERSION_CONFLICT: how to load the newest saved copy into the form. */
  reload?: {
    what: string;
    latest: LatestQuery<D>;
    toValues: (dto: D) => DefaultValues<z.input<S>>;
  };
  /** The alert when every server problem sits on a field (fields spread over long pages). */
  placedMessage?: string;
  /** The alert when the form's own checks fail. */
  invalidMessage?: string;
  /** A field showing an error is checked again as it changes, so the message goes once fixed. */
  recheckOnChange?: boolean;
  /** Keep a draft as the user types (a new resource) and ask before leaving unsaved changes. */
  draft?: Omit<FormDraftOptions<z.input<S>, undefined>, "form" | "extra" | "busy">;
}

export interface ResourceForm<S extends Schema, D> {
  form: UseFormReturn<z.input<S>, unknown, z.output<S>>;
  /** The newest saved copy: the one the form opened with, or the one reloaded after a conflict. */
  item: D | null;
  /** Validates, then runs `save`; a failure it throws is mapped onto the form. */
  submit: (save: (values: z.output<S>) => Promise<unknown>) => (e?: BaseSyntheticEvent) => Promise<void>;
  /** The version-conflict notice and the form-level alert, for the top of the form. */
  alerts: ReactNode;
  setFormError: (message: string | undefined) => void;
  draft: FormDraft<z.input<S>>;
}

export function useResourceForm<S extends Schema, D = never>(opts: ResourceFormOptions<S, D>): ResourceForm<S, D> {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(opts.schema),
    defaultValues: opts.defaultValues,
    mode: opts.mode,
  });
  const [item, setItem] = useState<D | null>(opts.item ?? null);
  const [formError, setFormError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  useRecheckErrors(form, opts.recheckOnChange);
  const { reload } = opts;
  const draft = useFormDraft({
    form,
    draftKey: opts.draft?.draftKey ?? null,
    format: opts.draft?.format ?? 0,
    extra: undefined,
    onRestore: opts.draft?.onRestore,
    leaveMessage: opts.draft?.leaveMessage,
    busy: form.formState.isSubmitting,
  });

  const onFailure = (err: unknown) => {
    if (reload && isVersionConflict(err)) return setConflict(true);
    const placement = placeFieldErrors(err, form.setError, ownerIn(opts.fields));
    setFormError(formMessage(err, placement) ?? opts.placedMessage);
  };

  const submit: ResourceForm<S, D>["submit"] = (save) =>
    form.handleSubmit(
      async (values) => {
        setFormError(undefined);
        try {
          await save(values);
          draft.markSaved();
        } catch (err) {
          onFailure(err);
        }
      },
      () => setFormError(opts.invalidMessage),
    );

  const alerts = (
    <>
      {conflict && reload && (
        <ReloadLatestAlert
          what={reload.what}
          latest={reload.latest}
          onError={setFormError}
          onLoaded={(dto) => {
            form.reset(reload.toValues(dto));
            draft.rebase();
            setItem(dto);
            setConflict(false);
            setFormError(undefined);
          }}
        />
      )}
      {formError && <Alert>{formError}</Alert>}
    </>
  );

  return { form, item, submit, alerts, setFormError, draft };
}
