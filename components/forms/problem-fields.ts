// Maps a problem+json answer onto a react-hook-form form: each field error goes to the field
// that owns its path, and whatever no field on screen shows becomes one message for the form.
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError, errorMessage } from "@/lib/http/client";

export interface Placement<T extends FieldValues> {
  placed: Path<T>[];
  /** `path: message` (or the message alone for the body as a whole). */
  unplaced: string[];
}

/** The field among `fields` that owns a problem path: "tags.some key" belongs to "tags". */
export const ownerIn =
  <P extends string>(fields: readonly P[]) =>
  (path: string): P | undefined =>
    fields.find((f) => path === f || path.startsWith(`${f}.`));

/**
 * Sets each of the problem's `fieldErrors` on the field `targetOf` names (the first one is
 * focused unless `focus` is false, e.g. when the field is on a step not shown yet).
 */
export function placeFieldErrors<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  targetOf: (path: string) => Path<T> | undefined,
  focus = true,
): Placement<T> {
  const fieldErrors = err instanceof ApiError ? err.problem.fieldErrors : undefined;
  const placement: Placement<T> = { placed: [], unplaced: [] };
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) {
    const message = messages.join(" ");
    const target = targetOf(path);
    if (!target) {
      placement.unplaced.push(path === "(root)" ? message : `${path}: ${message}`);
      continue;
    }
    setError(target, { type: "server", message }, { shouldFocus: focus && placement.placed.length === 0 });
    placement.placed.push(target);
  }
  return placement;
}

/** The form-level line: the problem with what no field shows; nothing when every message sits on a field. */
export function formMessage<T extends FieldValues>(
  err: unknown,
  { placed, unplaced }: Placement<T>,
): string | undefined {
  if (unplaced.length) return `${errorMessage(err)}: ${unplaced.join("; ")}`;
  return placed.length ? undefined : errorMessage(err);
}
