"use client";
// What a connector is for (its intended uses, lib/aws/usages.ts), and what that asks of AWS: the
// least-privilege policy to copy or download, and the AWS CLI commands that create it and attach
// it to the identity the connector ends up as (its IAM user, or the role it assumes).
import { CodeBlock } from "@/components/ui/code-block";
import { Badge, Card, Time } from "@/components/ui/misc";
import { parseArn, partitionOf } from "@/lib/aws/partitions";
import {
  RESOURCE_KIND_INFO,
  USAGES,
  policyFileName,
  splitPolicy,
  usageManagedPolicies,
  usagePolicy,
  usagePolicyCommands,
  type ResourceKind,
  type UsageSelection,
} from "@/lib/aws/usages";
import { usageResultsOf, type StoredTest, type UsageResult } from "@/lib/connection-test/types";
import type { ConnectorDto } from "@/lib/connectors/dto";

/** What the policy panel reads of a credential: saved (a DTO) or being typed (the wizard). */
interface Credential {
  type: string;
  region?: string;
  spec?: unknown;
  crossAccountAccess?: { crossAccountRoleArn?: string } | null;
}

/** The identity the policy belongs to: the role assumed last, else the access key's user. */
export function principalOf(cred: Credential): { type: "user" | "role"; name?: string; accountId?: string } {
  const roleArn =
    cred.crossAccountAccess?.crossAccountRoleArn ||
    (cred.type === "OidcAuthentication" ? (cred.spec as { iamRoleArn?: string } | null)?.iamRoleArn : undefined);
  if (roleArn) {
    const arn = parseArn(roleArn);
    return { type: "role", name: arn?.resource.split("/").pop(), accountId: arn?.accountId };
  }
  return cred.type === "ManualConfig" ? { type: "user" } : { type: "role" };
}

/**
 * The least-privilege policy for `usages` (always with ec2:DescribeRegions), to copy or download,
 * and the CLI commands that create it and attach it to the connector's user or role.
 */
export function UsagePolicyPanel({
  usages,
  credential,
}: {
  usages: readonly UsageSelection[];
  credential: Credential;
}) {
  const partition = partitionOf(credential.region || "us-east-1");
  const principal = principalOf(credential);
  const policy = usagePolicy(usages, { partition, accountId: principal.accountId });
  const parts = splitPolicy(policy);
  const commands = usagePolicyCommands({
    partition,
    accountId: principal.accountId,
    principal,
    policyCount: parts.length,
  });
  const managed = usageManagedPolicies(usages, partition);
  return (
    <>
      {parts.map((part, i) => {
        const json = JSON.stringify(part, null, 2);
        const file = policyFileName(i, parts.length);
        return (
          <CodeBlock
            key={file}
            label={
              <>
                Policy{parts.length > 1 ? ` ${i + 1} of ${parts.length}` : ""} ·{" "}
                <span className="font-mono">{file}</span>
              </>
            }
            name={`Policy ${file}`}
            text={json}
            copyLabel={parts.length > 1 ? `Copy policy ${i + 1}` : "Copy the policy"}
            actions={
              <a
                href={`data:application/json;charset=utf-8,${encodeURIComponent(json)}`}
                download={file}
                className="inline-flex h-9 items-center rounded-md border border-border px-3 text-sm font-medium hover:bg-surface-2 pointer-coarse:h-11"
              >
                Download
              </a>
            }
          />
        );
      })}
      <CodeBlock
        label={`Create it and attach it to the connector's ${principal.type === "user" ? "IAM user" : "role"}`}
        name="Commands that create and attach the policy"
        text={commands.join("\n")}
        copyLabel="Copy the commands"
        tall={false}
      />
      {managed.length > 0 && (
        <p className="text-sm text-muted">
          AWS managed policies the AWS documentation names for these uses (broader than the policy above):{" "}
          {managed.map((m, i) => (
            <span key={m.arn ?? m.name}>
              {i > 0 && ", "}
              <span className="font-mono text-fg">{m.name}</span>
            </span>
          ))}
          .
        </p>
      )}
    </>
  );
}

const STATUS = {
  allowed: { tone: "success", text: "Allowed" },
  missing: { tone: "danger", text: "Missing permissions" },
  "not-checked": { tone: "neutral", text: "Not checked" },
} as const;

/** What the latest connection test found for one use. */
function UseResult({ result, testedAt }: { result?: UsageResult; testedAt?: number }) {
  if (!testedAt) return <span className="text-xs text-muted">Not tested yet</span>;
  if (!result) return <Badge tone="neutral">Not checked</Badge>;
  const s = STATUS[result.status];
  return (
    <span className="flex flex-col items-end gap-1 text-right">
      <Badge tone={s.tone}>{s.text}</Badge>
      {result.denied.length > 0 && (
        <span className="font-mono text-xs text-danger">
          {[...new Set(result.denied.map((d) => d.action))].join(", ")}
        </span>
      )}
    </span>
  );
}

/** `latest`: the newest stored connection test, whose permissions step says how each use fared. */
export function IntendedUses({ dto, latest }: { dto: ConnectorDto; latest?: StoredTest }) {
  const usages = dto.connector.conduit.usages;
  const results = latest ? usageResultsOf(latest.steps) : undefined;
  return (
    <Card className="flex flex-col gap-4" aria-labelledby="intended-uses-title">
      <div>
        <h3 id="intended-uses-title" className="text-sm font-semibold">
          Intended uses
        </h3>
        <p className="mt-1 text-sm text-muted">
          {usages.length
            ? "What this connector is for; the policy below allows exactly that, and ec2:DescribeRegions, which every connector needs."
            : "No uses chosen: the policy below is what every connector needs (ec2:DescribeRegions). Add uses in the connector's YAML (conduit.usages) to get their policy."}
        </p>
      </div>
      {usages.length > 0 && latest && (
        <p className="text-xs text-muted">
          As of the latest connection test, <Time iso={new Date(latest.testedAt).toISOString()} />.
        </p>
      )}
      {usages.length > 0 && (
        <ul className="flex flex-col gap-2" aria-label="Intended uses">
          {usages.map((u) => {
            const use = USAGES[u.id];
            const named = Object.entries(u.resources ?? {}).filter(([, names]) => names?.length);
            return (
              <li key={u.id} className="rounded-md border border-border px-3 py-2 text-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <p className="font-medium">{use.label}</p>
                  <UseResult result={results?.find((r) => r.id === u.id)} testedAt={latest?.testedAt} />
                </div>
                <p className="text-muted">{use.description}</p>
                {named.map(([kind, names]) => (
                  <p key={kind} className="mt-1 flex flex-wrap items-center gap-1">
                    <span className="text-muted">{RESOURCE_KIND_INFO[kind as ResourceKind].label}:</span>
                    {names!.map((n) => (
                      <Badge key={n}>
                        <span className="font-mono">{n}</span>
                      </Badge>
                    ))}
                  </p>
                ))}
              </li>
            );
          })}
        </ul>
      )}
      <UsagePolicyPanel usages={usages} credential={dto.connector.spec.credential} />
    </Card>
  );
}
