// HTTP helpers for the infrastructure routes: YAML bodies validated with line numbers, and
// content negotiation for reads.
import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/http/errors";
import type { InfrastructureInput } from "./schemas";
import { parseInfrastructureYaml } from "./yaml";

/** A YAML body as the JSON body shape, or 422 naming the line (every issue in fieldErrors). */
export function fromInfrastructureYaml<T extends InfrastructureInput>(text: string, schema: z.ZodType<T, unknown>): T {
  const r = parseInfrastructureYaml(text, schema);
  if (r.ok) return r.value as T;
  const fieldErrors: Record<string, string[]> = {};
  for (const i of r.issues) (fieldErrors[i.path || "(root)"] ??= []).push(i.message);
  throw new AppError("VALIDATION_FAILED", `Line ${r.line}: ${r.message}`, {
    fieldErrors,
    extra: { line: r.line, column: r.column, issues: r.issues },
  });
}

/** `?format=yaml`, or an Accept header that asks for YAML and not JSON. */
export function wantsYaml(format: "json" | "yaml", headers: Headers): boolean {
  if (format === "yaml") return true;
  const accept = (headers.get("accept") ?? "").toLowerCase();
  return /(application|text)\/(x-)?yaml/.test(accept) && !accept.includes("application/json");
}
