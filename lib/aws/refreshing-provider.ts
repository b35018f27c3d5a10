// A credential provider that resolves once and keeps the result until shortly before it
// expires; concurrent callers share one resolution. Used for every connector session.
import "server-only";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/** Refresh this long before credentials expire (the SDK's own margin is 5 minutes too). */
export const REFRESH_BEFORE_MS = 5 * 60_000;
/** Credentials without an expiry (e.g. the server's environment) are re-read after this long. */
const NO_EXPIRY_TTL_MS = 5 * 60_000;

/**
 * Memoizes a provider: concurrent callers share one in-flight resolution, results are kept until
 * `REFRESH_BEFORE_MS` before they expire, and a failure is not kept (the next call tries again).
 */
export function refreshingProvider(
  resolve: () => Promise<AwsCredentialIdentity>,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let current: { value: AwsCredentialIdentity; freshUntil: number } | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    if (current && now() < current.freshUntil) return Promise.resolve(current.value);
    inFlight ??= resolve().then(
      (value) => {
        const expires = value.expiration?.getTime();
        current = { value, freshUntil: expires === undefined ? now() + NO_EXPIRY_TTL_MS : expires - REFRESH_BEFORE_MS };
        inFlight = undefined;
        return value;
      },
      (err: unknown) => {
        inFlight = undefined;
        throw err;
      },
    );
    return inFlight;
  };
}
