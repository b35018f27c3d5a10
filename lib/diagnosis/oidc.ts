// OIDC federation failures: what the token carries, and the AWS setup it needs.
import { partitionOf } from "@/lib/aws/partitions";
import type { OidcTokenFacts } from "@/lib/connectors/credentials";
import { issuerHostPath, oidcProviderArn, oidcSetupCommands, oidcTrustPolicy, roleOfArn } from "@/lib/oidc/policy";
import type { Diagnosis } from "./types";

type Remedy = Pick<Diagnosis, "fix" | "commands" | "policy">;

function setup(o: OidcTokenFacts, region: string) {
  const role = roleOfArn(o.roleArn);
  const partition = role?.partition ?? partitionOf(region);
  const accountId = role?.accountId ?? "<account>";
  const input = {
    partition,
    accountId,
    issuer: o.issuer,
    audience: o.audience,
    subject: o.subject,
    sessionTags: o.sessionTags,
  };
  return {
    providerArn: oidcProviderArn(input),
    policy: oidcTrustPolicy(input),
    commands: oidcSetupCommands({ ...input, roleName: role?.roleName ?? "<role>", rolePath: role?.path, region })
      .commands,
  };
}

const carries = (o: OidcTokenFacts) =>
  `The token carries iss ${o.issuer}, aud ${o.audience} and sub ${o.subject}${o.sessionTags ? ", and session tags, so the statement must also allow sts:TagSession" : ""}.`;

/** The remedy for an OIDC token AWS refused, from the error code and message; undefined when nothing specific fits. */
export function oidcRemedy(o: OidcTokenFacts, code: string, message: string, region: string): Remedy | undefined {
  const s = setup(o, region);
  switch (code) {
    case "InvalidIdentityToken":
    case "InvalidIdentityTokenException":
      if (/No OpenIDConnect provider found/i.test(message)) {
        return {
          fix: `The AWS account of ${o.roleArn} has no IAM OIDC identity provider for ${o.issuer}. Create it (provider URL ${o.issuer}, audience ${o.audience}); its ARN will be ${s.providerArn}.`,
          commands: s.commands.slice(0, 1),
        };
      }
      if (/audience/i.test(message)) {
        return {
          fix: `The identity provider ${s.providerArn} does not list the audience ${o.audience}. Add it as a client ID (audience) of the provider.`,
          commands: [
            `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${s.providerArn} --client-id ${o.audience}`,
          ],
        };
      }
      return {
        fix: `AWS could not verify the token's signature with the keys published at ${o.issuer}/jwks. Check that this URL serves Conduit's current keys (after a key rotation, AWS refetches the JWKS).`,
      };
    case "IDPCommunicationError":
      return {
        fix: `AWS could not fetch ${o.issuer}/.well-known/openid-configuration or the JWKS it names. The issuer must be reachable from the internet over HTTPS: set CONDUIT_PUBLIC_URL to Conduit's public address.`,
      };
    case "AccessDenied":
    case "AccessDeniedException":
      return {
        fix: `AWS refused to let this token assume ${o.roleArn}: either the role does not exist (AWS gives the same answer) or its trust policy does not allow this issuer, audience and subject. ${carries(o)} The role's trust policy needs a statement like this (conditions on ${issuerHostPath(o.issuer)}:aud and :sub):`,
        policy: s.policy,
        commands: s.commands.slice(1),
      };
    case "ExpiredToken":
    case "ExpiredTokenException":
      return {
        fix: "AWS considers the token Conduit just signed expired: the Conduit server's clock is probably wrong. Synchronise it (NTP) and test again.",
      };
    case "OidcSigningKeyUnavailable":
      return {
        fix: "Conduit could not load or create its OIDC signing key: CONDUIT_SECRET_KEY (which encrypts the key at rest) is missing or is not the key that encrypted it.",
      };
    default:
      return undefined;
  }
}
