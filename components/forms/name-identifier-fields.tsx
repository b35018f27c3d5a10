"use client";
import { useState } from "react";
import { get, type FieldValues, type Path, type PathValue, type UseFormReturn } from "react-hook-form";
import { firstMessage } from "@/components/forms/form-values";
import { Field, Input } from "@/components/ui/field";
import { deriveIdentifier } from "@/lib/common/identifier";

/**
 * Name and identifier, as every resource form has them: the identifier follows the name until
 * the user types in it; once the resource exists (`locked`) it is read-only (identifiers are
 * immutable). Two fields, no wrapper: the caller lays them out. "Typed in" is the caller's
 * state only where it must outlive these fields (wizard steps) or be read elsewhere.
 */
export function NameIdentifierFields<T extends FieldValues & { name: string; identifier: string }>({
  form,
  locked,
  identifierHint,
  namePlaceholder,
  autoFocus,
  ...props
}: {
  form: Pick<UseFormReturn<T, unknown, unknown>, "register" | "setValue" | "getValues" | "formState">;
  locked: boolean;
  /** The user typed in the identifier: it no longer follows the name. */
  touched?: boolean;
  onTouched?: () => void;
  identifierHint: string;
  namePlaceholder?: string;
  autoFocus?: boolean;
}) {
  const { register, setValue, getValues, formState } = form;
  // An identifier that is not the one derived from the name was typed in (a restored draft).
  const [ownTouched, setOwnTouched] = useState(() => locked || typedIn(getValues()));
  const touched = props.touched ?? ownTouched;
  const onTouched = props.onTouched ?? (() => setOwnTouched(true));
  const name = "name" as Path<T>;
  const identifier = "identifier" as Path<T>;
  const nameError = firstMessage(get(formState.errors, name));
  const identifierError = firstMessage(get(formState.errors, identifier));
  const nameField = register(name, {
    onChange: (e: { target: { value: string } }) => {
      if (!locked && !touched) {
        setValue(identifier, deriveIdentifier(e.target.value) as PathValue<T, Path<T>>, {
          shouldValidate: Boolean(get(formState.errors, identifier)),
        });
      }
    },
  });
  return (
    <>
      <Field label="Name" required error={nameError}>
        {(a) => <Input {...a} {...nameField} autoFocus={autoFocus} autoComplete="off" placeholder={namePlaceholder} />}
      </Field>
      <Field label="Identifier" required error={identifierError} hint={hintFor(identifierHint, touched && !locked)}>
        {(a) => (
          <Input
            {...a}
            {...register(identifier, { onChange: onTouched })}
            readOnly={locked}
            autoComplete="off"
            spellCheck={false}
            className="font-mono read-only:bg-surface-2 read-only:text-muted"
          />
        )}
      </Field>
    </>
  );
}

/** Whether `identifier` is one the user typed rather than the one derived from `name`. */
export const typedIn = (v: { name?: string; identifier?: string }): boolean =>
  Boolean(v.identifier) && v.identifier !== deriveIdentifier(v.name ?? "");

/** Once the user typed an identifier of their own, the hint no longer says it follows the name. */
export function hintFor(hint: string, typedIn: boolean): string {
  if (!typedIn) return hint;
  const rest = hint.replace(/^Derived from the name[.;]?\s*/, "");
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
