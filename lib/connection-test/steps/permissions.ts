// iam:SimulatePrincipalPolicy for what the connector is for: each chosen use's actions on its
// resources (with the context entries its conditions need), and ec2:DescribeRegions always; a
// connector without uses gets the fixed check of what Conduit itself calls (CHECKED_ACTIONS).
// Optional: a denied action makes the verdict PARTIAL (the hint holds the statements to add); a
// simulation that is denied, fails or does not answer is "not checked" (skipped, with the reason),
// never a failure, and is asked once (no retries: nothing else waits on it).
import "server-only";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { BackoffStrategy } from "@/lib/aws/backoff";
import { awsErrorFacts } from "@/lib/aws/errors";
import { policySourceArn, simulatePermissions, type SimulationResult } from "@/lib/aws/iam";
import type { Partition } from "@/lib/aws/partitions";
import {
  BASE_CHECK,
  isUsageId,
  POLICY_VERSION,
  simulationBatches,
  statementToAdd,
  usageChecks,
  USAGES,
  type IamPolicy,
  type IamStatement,
  type UsageCheck,
  type UsageSelection,
} from "@/lib/aws/usages";
import type { StepDef, StepOutcome } from "@/lib/steps/executor";
import type { Hint } from "@/lib/steps/types";
import { STEP_TITLES, type DeniedCheck, type PermissionsData, type StepId, type UsageResult } from "../types";
import { callOptions, type TestRun } from "./context";

/** What a connector without chosen uses is checked for: what Conduit itself calls. */
export const CHECKED_ACTIONS = ["ec2:DescribeRegions", "eks:ListClusters", "eks:DescribeCluster"];

/** The simulation is asked once: an optional check is not worth retrying (nor its wait). */
const ONCE: BackoffStrategy = { type: "FixedDelayBackoffStrategy", spec: { fixedBackoff: 0, retryCount: 0 } };
/** SimulatePrincipalPolicy calls at once for a connector with many named resources. */
const CONCURRENCY = 4;
/** The inline policy the hint's commands create, and the file they read it from. */
export const MISSING_POLICY_NAME = "ConduitConnectorMissing";
export const MISSING_POLICY_FILE = "conduit-missing-permissions.json";
const BASE_LABEL = "Every connector (ec2:DescribeRegions)";
const IAM_REGION: Record<Partition, string | undefined> = {
  aws: undefined,
  "aws-us-gov": "us-gov-west-1",
  "aws-cn": "cn-north-1",
};

interface Identity {
  arn: string;
  account: string;
  partition: string;
}

const asPartition = (p: string): Partition => (p === "aws-us-gov" || p === "aws-cn" ? p : "aws");

/** The stored uses, known ids only (the schema validated them when they were written). */
const chosenUses = (usages: readonly UsageSelection[] | undefined): UsageSelection[] =>
  (Array.isArray(usages) ? usages : []).filter((u) => isUsageId(u?.id));

/** The checks: a connector's uses (ec2:DescribeRegions first), or the fixed three without uses. */
function checksFor(run: TestRun, who: Identity): UsageCheck[] {
  const uses = chosenUses(run.o.usages);
  if (!uses.length)
    return CHECKED_ACTIONS.map((action) => ({ usage: "base" as const, action, resource: "*", context: [] }));
  return usageChecks(uses, {
    partition: asPartition(who.partition),
    region: run.o.spec.credential.region,
    accountId: who.account,
  });
}

async function inBatches<T, R>(items: readonly T[], f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}

const resultKey = (action: string, resource: string) => JSON.stringify([action, resource]);

/** One use's outcome from the simulation's answers. */
function usageResult(
  id: UsageResult["id"],
  label: string,
  checks: readonly UsageCheck[],
  answers: Map<string, SimulationResult>,
): UsageResult {
  const denied: DeniedCheck[] = [];
  const deniedActions = new Set<string>();
  for (const c of checks) {
    const a = answers.get(resultKey(c.action, c.resource));
    const decision = a?.decision ?? "implicitDeny";
    if (decision === "allowed") continue;
    deniedActions.add(c.action);
    denied.push({
      action: c.action,
      resource: c.resource,
      decision,
      matched: a?.matched ?? [],
      statement: statementToAdd(c),
    });
  }
  const allowed = [...new Set(checks.map((c) => c.action))].filter((a) => !deniedActions.has(a));
  return { id, label, status: denied.length ? "missing" : "allowed", allowed, denied };
}

/** The statements to add, one per action and condition (its resources together), Sids unique. */
export function missingPolicy(denied: readonly DeniedCheck[]): IamPolicy {
  const byKey = new Map<string, IamStatement>();
  for (const d of denied) {
    if (d.decision === "explicitDeny") continue;
    const k = JSON.stringify([d.statement.Action, d.statement.Condition ?? null]);
    const s = byKey.get(k);
    if (!s) byKey.set(k, { ...d.statement });
    else {
      const resources = [s.Resource].flat();
      if (!resources.includes(d.resource)) s.Resource = [...resources, d.resource];
    }
  }
  const sids = new Set<string>();
  const statements = [...byKey.values()].map((s) => {
    let sid = s.Sid;
    for (let n = 2; sids.has(sid); n++) sid = `${s.Sid}${n}`;
    sids.add(sid);
    return { ...s, Sid: sid };
  });
  return { Version: POLICY_VERSION, Statement: statements };
}

/** `user/name` or `role/path/name` of an IAM ARN. */
function principalOf(arn: string): { type: "user" | "role"; name: string } | undefined {
  const m = /^arn:[\w-]+:iam::\d{12}:(user|role)\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? { type: m[1] as "user" | "role", name: m[2]! } : undefined;
}

function missingHint(principalArn: string, partition: Partition, denied: readonly DeniedCheck[]): Hint {
  const explicit = denied.filter((d) => d.decision === "explicitDeny");
  const policy = missingPolicy(denied);
  const who = principalOf(principalArn);
  const region = IAM_REGION[partition];
  const parts: string[] = [];
  if (policy.Statement.length)
    parts.push(
      `Add ${policy.Statement.length === 1 ? "this statement" : "these statements"} to the identity policy of ${principalArn} (saved as ${MISSING_POLICY_FILE}, the command below adds it as an inline policy).`,
    );
  if (explicit.length)
    parts.push(
      `${[...new Set(explicit.map((d) => d.action))].join(", ")} ${explicit.length === 1 ? "is" : "are"} denied explicitly${explicit.some((d) => d.matched.length) ? ` by ${[...new Set(explicit.flatMap((d) => d.matched))].join(", ")}` : ""}: an Allow does not override a Deny, so remove or narrow that Deny.`,
    );
  return {
    text: parts.join(" "),
    ...(policy.Statement.length ? { policy: policy as unknown as Record<string, unknown> } : {}),
    ...(policy.Statement.length && who
      ? {
          commands: [
            `aws iam put-${who.type}-policy --${who.type}-name ${who.name} --policy-name ${MISSING_POLICY_NAME} --policy-document file://${MISSING_POLICY_FILE}${region ? ` --region ${region}` : ""}`,
          ],
        }
      : {}),
  };
}

const actionsOf = (r: UsageResult) => `${r.allowed.length} action${r.allowed.length === 1 ? "" : "s"}`;

/** The step's sentence: what each use misses, then what was allowed. */
function detailOf(base: UsageResult, usages: readonly UsageResult[]): string {
  const missing = [base, ...usages].filter((u) => u.status === "missing");
  const allowed = usages.filter((u) => u.status === "allowed").map((u) => `${u.label} (${actionsOf(u)})`);
  if (base.status === "allowed") allowed.push(BASE_CHECK.action);
  if (!missing.length) return `Allowed for every chosen use: ${allowed.join(", ")}`;
  const said = missing.map(
    (u) =>
      `${u.id === "base" ? "Every connector" : u.label} is missing ${[...new Set(u.denied.map((d) => d.action))].join(", ")}`,
  );
  return `${said.join(". ")}. Allowed: ${allowed.join(", ") || "none"}`;
}

/** The outcome when the simulation did not answer: every use "not checked", with the reason. */
function notChecked(
  run: TestRun,
  principalArn: string,
  checks: readonly UsageCheck[],
  reason: string,
  awsRequestId?: string,
): StepOutcome {
  const uses = chosenUses(run.o.usages);
  const blank = (id: UsageResult["id"], label: string): UsageResult => ({
    id,
    label,
    status: "not-checked",
    allowed: [],
    denied: [],
  });
  const commands = simulationBatches(checks).map(
    (b) =>
      `aws iam simulate-principal-policy --policy-source-arn ${principalArn} --action-names ${b.actions.join(" ")}` +
      (b.resource !== "*" ? ` --resource-arns ${b.resource}` : "") +
      (b.context.length
        ? ` --context-entries ${b.context.map((c) => `ContextKeyName=${c.key},ContextKeyValues=${c.values.join(",")},ContextKeyType=string`).join(" ")}`
        : ""),
  );
  const data: PermissionsData = {
    principalArn,
    notChecked: reason,
    base: blank("base", BASE_LABEL),
    usages: uses.map((u) => blank(u.id, USAGES[u.id].label)),
    results: [],
    commands,
  };
  return { status: "skipped", detail: `Not checked: ${reason}`, data: { ...data }, awsRequestId };
}

export const permissionsStep = (
  run: TestRun,
  identity: "identity" | "roleIdentity",
  credentialsFrom: "credentials" | "assumeRole",
): StepDef<StepId> => ({
  id: "permissions",
  title: STEP_TITLES.permissions,
  needs: [identity],
  async run(io) {
    const creds = io.valueOf<AwsCredentialIdentity>(credentialsFrom);
    const who = io.valueOf<Identity>(identity);
    const principalArn = policySourceArn(who.arn);
    const partition = asPartition(who.partition);
    const checks = checksFor(run, who);
    const options = { ...callOptions(run, creds, io), backoff: ONCE };
    let answers: { results: SimulationResult[]; requestId?: string }[];
    try {
      answers = await inBatches(simulationBatches(checks), (b) =>
        simulatePermissions(options, principalArn, b.actions, {
          resources: b.resource === "*" ? undefined : [b.resource],
          context: b.context,
        }),
      );
    } catch (err) {
      // The run was stopped or ran out of time: the executor reports that, not this check.
      if (io.signal.aborted) throw err;
      const f = awsErrorFacts(err);
      const reason =
        f.code === "AccessDenied" || f.code === "AccessDeniedException"
          ? `${who.arn} may not call iam:SimulatePrincipalPolicy. Allow iam:SimulatePrincipalPolicy on ${principalArn} to check the permissions${chosenUses(run.o.usages).length ? " of each chosen use" : ""} (optional).`
          : `iam:SimulatePrincipalPolicy did not answer: ${f.code}${f.httpStatus ? ` (HTTP ${f.httpStatus})` : ""}${f.message && f.message !== f.code ? `: ${f.message}` : ""}. The permissions were not checked; test again later (optional).`;
      return notChecked(run, principalArn, checks, reason, f.requestId);
    }
    const results = answers.flatMap((a) => a.results);
    const byKey = new Map(results.map((r) => [resultKey(r.action, r.resource), r]));
    const uses = chosenUses(run.o.usages);
    const ofUse = (id: UsageCheck["usage"]) => checks.filter((c) => c.usage === id);
    const base = usageResult(
      "base",
      BASE_LABEL,
      uses.length ? ofUse("base") : checks.filter((c) => c.action === BASE_CHECK.action),
      byKey,
    );
    const usages = uses.map((u) => usageResult(u.id, USAGES[u.id].label, ofUse(u.id), byKey));
    const denied = uses.length
      ? [base, ...usages].flatMap((u) => u.denied)
      : usageResult("base", "", checks, byKey).denied;
    const data: PermissionsData = { principalArn, base, usages, results };
    const allowedActions = [...new Set(results.filter((x) => x.decision === "allowed").map((x) => x.action))];
    const deniedActions = [...new Set(denied.map((d) => d.action))];
    return {
      value: results,
      status: denied.length ? "failed" : "passed",
      detail: uses.length
        ? detailOf(base, usages)
        : denied.length
          ? `Not allowed: ${deniedActions.join(", ")}. Allowed: ${allowedActions.join(", ") || "none"}`
          : `Allowed: ${allowedActions.join(", ")}`,
      data: { ...data },
      awsRequestId: answers[0]?.requestId,
      ...(denied.length ? { reason: "permissions-missing", hint: missingHint(principalArn, partition, denied) } : {}),
    };
  },
});
