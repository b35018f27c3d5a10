// Replaces values under secret-looking keys, at any depth. Used by the logger and by the audit
// diff, so neither can carry a secret even when a caller passes a whole object.
const SECRET_KEY = /secret|password|passwd|token|authorization|cookie|private.?key|^value$|^key$|api.?key/i;
export const REDACTED = "[REDACTED]";

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !/Ref$/.test(key);
}

export function redactDeep(input: unknown, depth = 0): unknown {
  if (depth > 8 || input === null || typeof input !== "object") return input;
  if (input instanceof Error) return { name: input.name, message: input.message, stack: input.stack };
  if (input instanceof Date) return input;
  if (Array.isArray(input)) return input.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    out[k] = isSecretKey(k) && v !== null && v !== undefined ? REDACTED : redactDeep(v, depth + 1);
  }
  return out;
}
