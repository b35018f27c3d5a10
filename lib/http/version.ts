// Optimistic concurrency: the expected version comes from If-Match ("3" or W/"3") or the body.
// Versions are PostgreSQL int4 columns: anything above MAX_VERSION can match no row, and would
// overflow the query, so it is refused as input (400 for If-Match, 422 for the body's `version`).
import { AppError } from "./errors";

/** The largest version a row can have (2³¹−1, int4). */
export const MAX_VERSION = 2_147_483_647;

export function expectedVersion(headers: Headers, bodyVersion: number | undefined): number {
  const ifMatch = headers.get("if-match");
  if (ifMatch) {
    const m = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    const version = m ? Number(m[1]) : NaN;
    if (!(version <= MAX_VERSION))
      throw new AppError("BAD_REQUEST", `If-Match must be a version such as "3" (at most ${MAX_VERSION})`, {
        fieldErrors: { "If-Match": ["Not a version"] },
      });
    return version;
  }
  if (bodyVersion === undefined) {
    throw new AppError(
      "PRECONDITION_REQUIRED",
      "Send the version you edited (If-Match header or `version` in the body)",
      {
        fieldErrors: { version: ["Required"] },
      },
    );
  }
  if (!Number.isInteger(bodyVersion) || bodyVersion < 1 || bodyVersion > MAX_VERSION)
    throw new AppError("VALIDATION_FAILED", `version must be a whole number from 1 to ${MAX_VERSION}`, {
      fieldErrors: { version: ["Not a version"] },
    });
  return bodyVersion;
}

export const etag = (version: number) => `"${version}"`;

export function versionConflict(current: number): AppError {
  return new AppError(
    "VERSION_CONFLICT",
    `Someone else saved a newer version (${current}) while you were editing. Reload to see their changes, then apply yours again.`,
    { extra: { currentVersion: current } },
  );
}
