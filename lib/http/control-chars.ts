// Control characters (C0 but tab, line feed and carriage return; DEL; C1) and lone UTF-16
// surrogates have no business in any field Conduit stores or passes on: PostgreSQL refuses NUL
// in text, and the others end up in logs, YAML and AWS calls. Every request's params, query and
// body are checked once, before validation, and refused as 400 naming each field.
import { FORBIDDEN_TEXT as FORBIDDEN } from "@/lib/common/text";
import { AppError, type FieldErrors } from "./errors";
const MAX_DEPTH = 64;

/** The dot-joined paths of every string (value or key) holding a forbidden character. */
export function controlCharacterFields(value: unknown, path: string[] = [], out: string[] = [], depth = 0): string[] {
  if (depth > MAX_DEPTH) return out;
  if (typeof value === "string") {
    if (FORBIDDEN.test(value)) out.push(path.join(".") || "(body)");
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => controlCharacterFields(v, [...path, String(i)], out, depth + 1));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // A key with a control character is named by its readable part.
      if (FORBIDDEN.test(k)) out.push([...path, k.replace(new RegExp(FORBIDDEN.source, "g"), "?")].join("."));
      else controlCharacterFields(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}

/** Throws 400 naming every field of `value` (prefixed, e.g. `query`) that holds a control character. */
export function refuseControlCharacters(value: unknown, prefix: string[] = []): void {
  const fields = controlCharacterFields(value, prefix);
  if (!fields.length) return;
  const fieldErrors: FieldErrors = Object.create(null) as FieldErrors;
  for (const f of fields) fieldErrors[f] = ["Contains a control character; remove it"];
  throw new AppError(
    "BAD_REQUEST",
    `Control characters are not allowed: ${fields.slice(0, 5).join(", ")}${fields.length > 5 ? "…" : ""}`,
    { fieldErrors },
  );
}
