// Optimistic concurrency: the expected version comes from If-Match ("3" or W/"3") or the body.
import { AppError } from "./errors";

export function expectedVersion(headers: Headers, bodyVersion: number | undefined): number {
  const ifMatch = headers.get("if-match");
  if (ifMatch) {
    const m = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!m) throw new AppError("BAD_REQUEST", 'If-Match must be a version such as "3"');
    return Number(m[1]);
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
