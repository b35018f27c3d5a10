// How resources and references are named in messages. Pure: the browser uses it too.
import { scopeLabel } from "@/lib/scope/keys";
import type { Referrer, ResourceType } from "./types";

export const TYPE_WORDS: Record<ResourceType, string> = {
  Organization: "organization",
  Project: "project",
  Secret: "secret",
  Connector: "connector",
  Environment: "environment",
  InfrastructureDefinition: "infrastructure definition",
  GitopsAgent: "GitOps agent",
  GitopsCluster: "GitOps cluster",
  ServiceAccount: "service account",
};

/** `infrastructure definition "web" (environment "prod", project "p" in org "o")`. */
export function describeReferrer(r: Referrer): string {
  const where = [r.environment ? `environment "${r.environment}"` : "", scopeLabel(r)].filter(Boolean).join(", ");
  return `${TYPE_WORDS[r.type]} "${r.identifier}" (${where})`;
}

/** Scopes and environments hold what is in them; everything else is used by what points at it. */
export function blockedPhrase(type: ResourceType): { verb: string; advice: string } {
  return type === "Organization" || type === "Project" || type === "Environment"
    ? { verb: "still holds", advice: "delete or move them first" }
    : { verb: "is still used by", advice: "change or delete them first" };
}
