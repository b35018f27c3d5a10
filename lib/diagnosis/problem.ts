// A Diagnosis as the API's problem+json (lookups) or as a test step's hint (streams).
import { AppError } from "@/lib/http/errors";
import type { Diagnosis } from "./types";

/** 404 for what does not exist, else 502: a service Conduit called on the user's behalf failed. */
export function diagnosisError(d: Diagnosis): AppError {
  const detail = [d.detail, d.fix].filter(Boolean).join(" ");
  const extra = { reason: d.reason, ...d.facts, ...(d.awsRequestId ? { awsRequestId: d.awsRequestId } : {}) };
  return new AppError(d.reason.endsWith("-not-found") ? "NOT_FOUND" : "UPSTREAM_FAILED", detail, { extra });
}
