// STS calls: who am I, and assume a (cross-account) role.
import "server-only";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { clientConfig, type CallOptions } from "./clients";
import { parseArn } from "./partitions";

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
  partition: string;
  requestId?: string;
}

export async function getCallerIdentity(o: CallOptions): Promise<CallerIdentity> {
  const client = new STSClient(clientConfig(o));
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), { abortSignal: o.signal });
    return {
      account: out.Account ?? "",
      arn: out.Arn ?? "",
      userId: out.UserId ?? "",
      partition: parseArn(out.Arn ?? "")?.partition ?? "aws",
      requestId: out.$metadata.requestId,
    };
  } finally {
    client.destroy();
  }
}

export interface AssumedRole {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration?: Date };
  assumedRoleArn: string;
  requestId?: string;
}

export async function assumeRole(
  o: CallOptions,
  p: { roleArn: string; externalId?: string; sessionName: string; durationSeconds?: number },
): Promise<AssumedRole> {
  const client = new STSClient(clientConfig(o));
  try {
    const out = await client.send(
      new AssumeRoleCommand({
        RoleArn: p.roleArn,
        ExternalId: p.externalId,
        RoleSessionName: p.sessionName,
        DurationSeconds: p.durationSeconds,
      }),
      { abortSignal: o.signal },
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error("AssumeRole returned no credentials");
    return {
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      },
      assumedRoleArn: out.AssumedRoleUser?.Arn ?? "",
      requestId: out.$metadata.requestId,
    };
  } finally {
    client.destroy();
  }
}

/** AWS allows 2–64 chars of [\w+=,.@-]; connector identifiers may contain `$`. */
export const roleSessionName = (identifier: string) =>
  `conduit-${identifier}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
