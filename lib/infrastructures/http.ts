// HTTP helpers for the infrastructure routes: YAML bodies validated with line numbers, and
// content negotiation for reads.
import "server-only";
import type { z } from "zod";
import { valueOr422 } from "@/lib/yaml/document";
import type { InfrastructureInput } from "./schemas";
import { parseInfrastructureYaml } from "./yaml";

/** A YAML body as the JSON body shape, or 422 naming the line (every issue in fieldErrors). */
export function fromInfrastructureYaml<T extends InfrastructureInput>(text: string, schema: z.ZodType<T, unknown>): T {
  return valueOr422(parseInfrastructureYaml(text, schema)) as T;
}

/** `?format=yaml`, or an Accept header that asks for YAML and not JSON. */
export function wantsYaml(format: "json" | "yaml", headers: Headers): boolean {
  if (format === "yaml") return true;
  const accept = (headers.get("accept") ?? "").toLowerCase();
  return /(application|text)\/(x-)?yaml/.test(accept) && !accept.includes("application/json");
}
