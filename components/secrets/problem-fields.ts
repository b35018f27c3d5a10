// Maps a problem+json answer onto a react-hook-form form: known fields get their messages
// (the first one is focused), and whatever is left becomes one message for the form.
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError, errorMessage } from "@/lib/http/client";

export function applyProblem<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string | undefined {
  const fieldErrors = err instanceof ApiError ? err.problem.fieldErrors : undefined;
  if (!fieldErrors) return errorMessage(err);
  let unmapped = false;
  let first = true;
  for (const [path, messages] of Object.entries(fieldErrors)) {
    // "tags.some key" belongs to the tags field as a whole.
    const field = fields.find((f) => path === f || path.startsWith(`${f}.`));
    if (!field) {
      unmapped = true;
      continue;
    }
    setError(field, { type: "server", message: messages.join(" ") }, { shouldFocus: first });
    first = false;
  }
  return unmapped || first ? errorMessage(err) : undefined;
}
