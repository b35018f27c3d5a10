// Identity settings from the environment: session lifetimes, the single sign-on provider and
// the role bindings just-in-time SSO users receive. Parsed once; a bad mapping fails the start.
import { createHash, hkdfSync } from "node:crypto";
import { env } from "@/lib/env";
import { consoleOrigins } from "@/lib/http/security";
import { roleIds, type RoleId } from "@/lib/access";
import type { ScopeKey } from "@/lib/scope";

const trimSlash = (u: string) => u.replace(/\/+$/, "");

/** Where people reach the console: CONDUIT_PUBLIC_URL, or http://localhost:<PORT>. */
export function consoleOrigin(): string {
  const { CONDUIT_PUBLIC_URL, PORT } = env();
  return CONDUIT_PUBLIC_URL ? new URL(trimSlash(CONDUIT_PUBLIC_URL)).origin : `http://localhost:${PORT}`;
}

/** Origins a signed-in browser may post from: the same list the API's same-origin check uses. */
export function trustedOrigins(): string[] {
  const { CONDUIT_PUBLIC_URL, PORT } = env();
  return consoleOrigins({ publicUrl: CONDUIT_PUBLIC_URL, port: PORT });
}

export const secureCookies = () => consoleOrigin().startsWith("https:");

/** better-auth's signing secret, derived from CONDUIT_SECRET_KEY so there is one key to keep. */
export function authSecret(): string {
  const key = env().CONDUIT_SECRET_KEY;
  if (!key) throw new Error("CONDUIT_SECRET_KEY is not set: start Conduit with `npm start`, which provides one");
  return Buffer.from(hkdfSync("sha256", Buffer.from(key, "base64"), "conduit", "conduit/auth-secret/v1", 32)).toString(
    "base64",
  );
}

export const sessionIdleSeconds = () => env().CONDUIT_SESSION_IDLE_MINUTES * 60;
export const sessionMaxMs = () => env().CONDUIT_SESSION_MAX_HOURS * 3_600_000;

export interface SsoConfig {
  providerId: "sso";
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string[];
  groupsClaim: string;
}

export function ssoConfig(): SsoConfig | null {
  const e = env();
  if (!e.CONDUIT_SSO_ISSUER || !e.CONDUIT_SSO_CLIENT_ID || !e.CONDUIT_SSO_CLIENT_SECRET) return null;
  return {
    providerId: "sso",
    name: e.CONDUIT_SSO_NAME,
    issuer: trimSlash(e.CONDUIT_SSO_ISSUER),
    clientId: e.CONDUIT_SSO_CLIENT_ID,
    clientSecret: e.CONDUIT_SSO_CLIENT_SECRET,
    allowedDomains: splitList(e.CONDUIT_SSO_ALLOWED_DOMAINS).map((d) => d.toLowerCase()),
    groupsClaim: e.CONDUIT_SSO_GROUPS_CLAIM,
  };
}

const splitList = (s: string) =>
  s
    .split(/[,;]/)
    .map((x) => x.trim())
    .filter(Boolean);

export interface RoleMapping {
  match: { kind: "group" | "domain"; value: string };
  role: RoleId;
  scope: Omit<ScopeKey, "accountId">;
}

/**
 * `group:platform=account_admin; domain:example.com=viewer@default/payments`: who gets which role
 * where. The scope after `@` is `<org>` or `<org>/<project>`; without it, the account.
 */
export function parseRoleMappings(text: string): RoleMapping[] {
  return text
    .split(";")
    .map((x) => x.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^(group|domain):([^=]+)=([a-z_]+)(?:@([\w-]+)(?:\/([\w-]+))?)?$/.exec(entry);
      if (!m)
        throw new Error(`CONDUIT_SSO_ROLE_MAPPINGS: "${entry}" is not <group|domain>:<name>=<role>[@org[/project]]`);
      const role = m[3] as RoleId;
      if (!roleIds.includes(role))
        throw new Error(`CONDUIT_SSO_ROLE_MAPPINGS: "${m[3]}" is not a role (${roleIds.join(", ")})`);
      if ((role === "account_admin" && m[4]) || (role === "org_admin" && m[5]))
        throw new Error(`CONDUIT_SSO_ROLE_MAPPINGS: "${entry}" binds ${role} below its own level`);
      return {
        match: { kind: m[1] as "group" | "domain", value: m[2]!.trim() },
        role,
        scope: { orgIdentifier: m[4] ?? "", projectIdentifier: m[5] ?? "" },
      };
    });
}

/** The mappings that apply to a new SSO user with these groups and this email. */
export function mappedRoles(mappings: RoleMapping[], who: { email: string; groups: string[] }): RoleMapping[] {
  const domain = who.email.split("@").pop()?.toLowerCase() ?? "";
  return mappings.filter((m) =>
    m.match.kind === "group" ? who.groups.includes(m.match.value) : m.match.value.toLowerCase() === domain,
  );
}

/** SHA-256 hex: how tokens and setup links are stored. */
export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
