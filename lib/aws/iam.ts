// iam:SimulatePrincipalPolicy: which of the actions Conduit relies on the principal may call.
import "server-only";
import { IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { clientConfig, type CallOptions } from "./clients";

export async function simulatePermissions(o: CallOptions, principalArn: string, actions: string[]) {
  // IAM is a global service: its endpoint lives in the partition's home region.
  const client = new IAMClient(
    clientConfig({ ...o, region: o.region.startsWith("us-gov-") ? "us-gov-west-1" : "us-east-1" }),
  );
  try {
    const out = await client.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: principalArn, ActionNames: actions }),
      { abortSignal: o.signal },
    );
    return {
      results: (out.EvaluationResults ?? []).map((r) => ({
        action: r.EvalActionName ?? "",
        decision: r.EvalDecision ?? "implicitDeny",
      })),
      requestId: out.$metadata.requestId,
    };
  } finally {
    client.destroy();
  }
}

/** IAM simulates identities, not sessions: arn:…:sts::acct:assumed-role/R/s → arn:…:iam::acct:role/R. */
export function policySourceArn(callerArn: string): string {
  const m = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : callerArn;
}
