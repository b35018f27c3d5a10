// Step 1: the connector's base credentials (keys, the server's chain, IRSA, or a token Conduit signs).
import "server-only";
import type { AwsCredentialIdentity } from "@smithy/types";
import { connectorBaseCredentials } from "@/lib/connectors/aws-calls";
import { CredentialSetupError, delegateMismatch } from "@/lib/connectors/credentials";
import { env } from "@/lib/env";
import type { StepDef } from "@/lib/steps/executor";
import { STEP_TITLES, type StepId } from "../types";
import type { TestRun } from "./context";

export const credentialsStep = (run: TestRun): StepDef<StepId> => ({
  id: "credentials",
  title: STEP_TITLES.credentials,
  blocks: "Skipped: no credentials to test with",
  async run(io) {
    const { o } = run;
    const mismatch = delegateMismatch(o.spec.delegateSelectors ?? []);
    if (mismatch) throw new CredentialSetupError("DelegateMismatch", mismatch);
    const scope = o.connector?.scope ?? { accountId: env().CONDUIT_ACCOUNT_ID };
    const b = await connectorBaseCredentials(
      { identifier: o.identifier, name: o.connector?.name ?? o.identifier, scope, spec: o.spec },
      o.readSecret,
      { callTimeoutMs: o.callTimeoutMs, onRetry: io.onRetry, random: o.random, signedOidc: o.signedOidc },
    );
    run.known.oidc = b.oidc;
    const value: AwsCredentialIdentity = typeof b.credentials === "function" ? await b.credentials() : b.credentials;
    const data = b.oidc
      ? { issuer: b.oidc.issuer, audience: b.oidc.audience, subject: b.oidc.subject, roleArn: b.oidc.roleArn }
      : undefined;
    return { value, detail: `Using ${b.source}`, data };
  },
});
