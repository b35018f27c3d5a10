// Form value helpers every resource form shares: the first error message under a field,
// tags as chips, and empty inputs as "not given". Pure, no domain knowledge.
/** The fields every resource form starts with (NameIdentifierFields, DescriptionTagsFields). */
export const OVERVIEW_FIELDS = ["name", "identifier", "description", "tags"] as const;

/** First message anywhere under an RHF error node (tags keep one node per key). */
export function firstMessage(node: unknown): string | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as { message?: unknown };
  if (typeof n.message === "string" && n.message) return n.message;
  for (const [k, v] of Object.entries(node)) {
    if (k === "ref" || k === "type" || k === "types") continue;
    const m = firstMessage(v);
    if (m) return m;
  }
  return undefined;
}

/** Tags map ↔ chips: `key:value`, or just `key` for a tag without a value (Harness allows both). */
export function tagsToItems(tags: Record<string, string> | undefined): string[] {
  return Object.entries(tags ?? {}).map(([k, v]) => (v === "" ? k : `${k}:${v}`));
}
export function itemToTag(item: string): [string, string] {
  const i = item.indexOf(":");
  return i === -1 ? [item.trim(), ""] : [item.slice(0, i).trim(), item.slice(i + 1).trim()];
}
export function itemsToTags(items: readonly string[]): Record<string, string> {
  return Object.fromEntries(items.map(itemToTag));
}

/** Number inputs: empty means "not given" (undefined) so zod reports "enter …" instead of NaN. */
export const numberOrUndefined = (v: unknown): number | undefined => {
  if (v === "" || v === null || v === undefined) return undefined;
  const n = typeof v === "number" ? v : Number(v);
  return n;
};
export const textOrUndefined = (v: unknown): string | undefined =>
  v === "" || v === undefined || v === null ? undefined : String(v);
