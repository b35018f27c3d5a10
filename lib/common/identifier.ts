// Identifiers derived from names. Kept apart from schemas.ts (zod) so a page that only derives an
// identifier as the user types does not download zod with its first load.

/** Derives an identifier from a display name the way users expect: "My AWS (prod)" → "My_AWS_prod". */
export function deriveIdentifier(name: string): string {
  let id = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .replace(/[^0-9a-zA-Z_$]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/_+/g, "_");
  if (/^[0-9$]/.test(id)) id = `_${id}`;
  return id.slice(0, 128);
}
