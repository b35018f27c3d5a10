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
  const timedOut =
    e.name === "TimeoutError" ||
    /timed? ?out|exceeded the configured .* requestTimeout/i.test(e.message ?? "") ||
    networkCode === "ETIMEDOUT";
  // Modeled errors carry the wire code in `Code`; unmodeled ones in `name`.
  const code = e.Code ?? (timedOut ? "RequestTimeout" : undefined) ?? networkCode ?? e.name ?? "UnknownError";
  return {
    code,
    message: (e.message ?? String(err)).slice(0, 500),
    httpStatus: e.$metadata?.httpStatusCode ?? e.$response?.statusCode,
    requestId: e.$metadata?.requestId,
    networkCode,
    timedOut,
    attempts: e.$metadata?.attempts,
  };
}
