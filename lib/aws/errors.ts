// What an AWS SDK error says, in one flat shape: code, HTTP status, request id, network code.
import "server-only";

export interface AwsErrorFacts {
  code: string;
  message: string;
  httpStatus?: number;
  requestId?: string;
  networkCode?: string;
  timedOut: boolean;
  attempts?: number;
}

const NETWORK_CODES =
  /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNABORTED)$/;

/** The SDK's own words about its internals, which mean nothing to a user. */
const SDK_INTERNALS =
  /\s*Deserialization error: to see the raw response, inspect the hidden field \{error\}\.\$response on this object\.?/;
/** Socket errors the SDK renames `TimeoutError` although nothing timed out. */
const NOT_A_TIMEOUT = /^(ECONNRESET|EPIPE|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/;

export function awsErrorFacts(err: unknown): AwsErrorFacts {
  const e = (err ?? {}) as {
    name?: string;
    Code?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
    $response?: { statusCode?: number };
  };
  const networkCode = typeof e.code === "string" && NETWORK_CODES.test(e.code) ? e.code : undefined;
  const rawMessage = e.message ?? String(err);
  // The answer started (a status came back) and then broke off, or could not be parsed.
  const incomplete = SDK_INTERNALS.test(rawMessage);
  const timedOut =
    !incomplete &&
    !(networkCode && NOT_A_TIMEOUT.test(networkCode)) &&
    (e.name === "TimeoutError" ||
      /timed? ?out|exceeded the configured .* requestTimeout/i.test(rawMessage) ||
      networkCode === "ETIMEDOUT");
  // Modeled errors carry the wire code in `Code`; unmodeled ones in `name`.
  const code =
    e.Code ??
    (incomplete ? "IncompleteResponse" : undefined) ??
    (timedOut ? "RequestTimeout" : undefined) ??
    networkCode ??
    e.name ??
    "UnknownError";
  const message = incomplete
    ? "AWS's answer broke off or could not be read"
    : rawMessage.replace(SDK_INTERNALS, "").trim();
  return {
    code,
    message: message.slice(0, 500),
    httpStatus: e.$metadata?.httpStatusCode ?? e.$response?.statusCode,
    requestId: e.$metadata?.requestId,
    networkCode,
    timedOut,
    attempts: e.$metadata?.attempts,
  };
}
