// Why a finished run's result could not be stored, in words for its result line: the stream still
// ends with the result, and says that it was not saved.
import "server-only";
import { isConnectionError } from "@/lib/http/map-error";

const codeOf = (err: unknown): string | undefined => {
  const e = err as { code?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== "object") return undefined;
  if (typeof e.code === "string") return e.code;
  return codeOf(e.cause);
};

/** A foreign key to a deleted row (P2003 / 23503), or an update of a row that is gone (P2025). */
const rowGone = (err: unknown) => {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : "";
  return (
    code === "P2003" ||
    code === "P2025" ||
    code === "23503" ||
    /foreign key constraint|violates foreign key|23503|No record was found/i.test(message)
  );
};

/** A database that did not answer in time (timeouts on the client or the server side). */
const tooSlow = (err: unknown) => {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  return code === "57014" || code === "55P03" || /Query read timeout|57014|55P03|timeout/i.test(message);
};

/** `what` names the tested thing ("connector", "cluster"); `lead` what was not stored. */
export function notSavedReason(err: unknown, what: string, lead = "The result was not saved"): string {
  if (rowGone(err)) return `${lead}: the ${what} was deleted during its test.`;
  if (isConnectionError(err) || tooSlow(err))
    return `${lead}: the database did not answer. Test again once it is back.`;
  return `${lead}: storing it failed (the console's log has the error).`;
}

export const STOPPED_NOT_SAVED = "The result was not saved: the console stopped the test before it finished.";

/**
 * The end of a finished run, as every streamed test ends: store the result (unless the stopping
 * console ended the run: that says nothing about the thing tested), let the next run of the same
 * thing start meanwhile, then emit the result line, saying why when it was not stored.
 */
export async function endRun<R extends object>(o: {
  result: R;
  stopped: boolean;
  save: () => Promise<unknown>;
  unlock: () => Promise<void>;
  /** "connector", "cluster": for the words of `notSaved`. */
  what: string;
  onSaveError: (err: unknown) => void;
  emit: (event: { type: "result"; result: R & { notSaved?: string } }) => void;
}): Promise<void> {
  const [notSaved] = await Promise.all([
    o.stopped
      ? STOPPED_NOT_SAVED
      : o.save().then(
          () => undefined,
          (err: unknown) => {
            o.onSaveError(err);
            return notSavedReason(err, o.what);
          },
        ),
    o.unlock(),
  ]);
  o.emit({ type: "result", result: notSaved ? { ...o.result, notSaved } : o.result });
}
