// The error contract: every non-2xx answer is application/problem+json with a stable `code`
// clients branch on. Nothing internal (stack, SQL, AWS request internals) goes into a body.
import { z } from "zod";

export const errorStatus = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  VERSION_CONFLICT: 409,
  IN_USE: 409,
  PRECONDITION_REQUIRED: 428,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  UPSTREAM_FAILED: 502,
  DATABASE_UNAVAILABLE: 503,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const titles: Record<ErrorCode, string> = {
  BAD_REQUEST: "Bad request",
  INVALID_JSON: "The request body is not valid JSON",
  UNAUTHENTICATED: "Sign in first",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  METHOD_NOT_ALLOWED: "Method not allowed",
  NOT_ACCEPTABLE: "Not acceptable",
  REQUEST_TIMEOUT: "Request timeout",
  CONFLICT: "Conflict",
  ALREADY_EXISTS: "Already exists",
  VERSION_CONFLICT: "Changed by someone else",
  IN_USE: "Still in use",
  PRECONDITION_REQUIRED: "Version required",
  PAYLOAD_TOO_LARGE: "Request body too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported content type",
  VALIDATION_FAILED: "Some fields are not valid",
  RATE_LIMITED: "Too many requests",
  HEADERS_TOO_LARGE: "Request headers too large",
  INTERNAL: "Something went wrong on our side",
  UPSTREAM_FAILED: "A service Conduit called on your behalf failed",
  DATABASE_UNAVAILABLE: "The database is unavailable",
  NOT_READY: "Not ready",
};

/** Field path (dot-joined, e.g. `spec.credential.region`) → messages. */
export type FieldErrors = Record<string, string[]>;

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  code: z.string(),
  requestId: z.string().optional(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  /** Extra, code-specific facts (e.g. the references that block a delete). */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly options: {
      fieldErrors?: FieldErrors;
      extra?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail ?? titles[code]);
    this.name = "AppError";
    this.status = errorStatus[code];
  }

  toProblem(requestId?: string): Problem {
    return {
      type: `https://conduit.dev/problems/${this.code.toLowerCase().replace(/_/g, "-")}`,
      title: titles[this.code],
      status: this.status,
      detail: this.detail,
      code: this.code,
      requestId,
      ...(this.options.fieldErrors ? { fieldErrors: this.options.fieldErrors } : {}),
      ...(this.options.extra ? { extra: this.options.extra } : {}),
    };
  }
}

export function fieldErrorsFromZod(error: z.ZodError, prefix: (string | number)[] = []): FieldErrors {
  // No prototype: a field named `__proto__` or `constructor` must not reach Object's members.
  const out: FieldErrors = Object.create(null) as FieldErrors;
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys)
        (out[[...prefix, ...issue.path, k].map(String).join(".")] ??= []).push("Unknown field");
      continue;
    }
    const key = [...prefix, ...issue.path].map(String).join(".") || "(root)";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function validationError(error: z.ZodError, prefix: (string | number)[] = []): AppError {
  const fieldErrors = fieldErrorsFromZod(error, prefix);
  const fields = Object.keys(fieldErrors);
  return new AppError("VALIDATION_FAILED", `Check ${fields.slice(0, 5).join(", ")}${fields.length > 5 ? "…" : ""}`, {
    fieldErrors,
  });
}
