// sts:AssumeRoleWithWebIdentity with a token minted per refresh. fromWebToken alone keeps the
// one token it was given, so the provider would die with that token's expiry; this wrapper asks
// for a new token every time the SDK refreshes the (expiring) credentials.
import "server-only";
import { fromWebToken } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

export interface WebIdentityOptions {
  roleArn: string;
  roleSessionName: string;
  /** Returns a fresh JWT; called on every refresh. */
  token: () => Promise<string>;
  /** Region, retry strategy and time limits for the STS client (transportConfig). */
  clientConfig: Record<string, unknown> & { region: string };
  durationSeconds?: number;
}

export function refreshingWebIdentity(o: WebIdentityOptions): AwsCredentialIdentityProvider {
  return async (props) => {
    const webIdentityToken = await o.token();
    const provider = fromWebToken({
      roleArn: o.roleArn,
      roleSessionName: o.roleSessionName,
      webIdentityToken,
      durationSeconds: o.durationSeconds,
      clientConfig: o.clientConfig,
    });
    return provider(props);
  };
}
