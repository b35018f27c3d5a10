// The connection test as a declared plan: credentials → (identity ∥ assume role) → (role identity
// ∥ regions) → permissions. The executor runs each step once the steps it needs have passed.
import "server-only";
import type { StepDef } from "@/lib/steps/executor";
import type { StepId } from "./types";
import { assumeRoleStep } from "./steps/assume-role";
import type { TestRun } from "./steps/context";
import { credentialsStep } from "./steps/credentials";
import { describeRegionsStep } from "./steps/describe-regions";
import { identityStep } from "./steps/identity";
import { permissionsStep } from "./steps/permissions";

export function connectionTestPlan(run: TestRun): StepDef<StepId>[] {
  const cross = Boolean(run.o.spec.credential.crossAccountAccess);
  // With cross-account access the connector acts as the role, so regions and permissions are its.
  const actingAs = cross ? "assumeRole" : "credentials";
  const roleIdentity = identityStep(run, "roleIdentity", "assumeRole");
  return [
    credentialsStep(run),
    identityStep(run, "identity", "credentials"),
    assumeRoleStep(run),
    cross ? roleIdentity : { ...roleIdentity, skip: "Cross-account access is off" },
    describeRegionsStep(run, actingAs),
    permissionsStep(run, cross ? "roleIdentity" : "identity", actingAs),
  ];
}
