// The better-auth instance: email + password (scrypt), sessions in PostgreSQL, single sign-on
// through any OpenID Connect provider (authorization code + PKCE). Created on first use, so
// `next build` needs neither a database nor a key. Conduit's own rules sit in its hooks:
// a disabled user gets no session, a password change ends every other session, tokens from the
// provider are never stored, and new SSO users get the role bindings their groups map to.
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import {
  authSecret,
  consoleOrigin,
  mappedRoles,
  parseRoleMappings,
  secureCookies,
  sessionIdleSeconds,
  ssoConfig,
  trustedOrigins,
} from "./config";
import { bindJustInTimeUser } from "./bindings";

/** Paths of better-auth that Conduit does not offer (sign-up is by invitation or SSO only). */
const DISABLED_PATHS = [
  "/sign-up/email",
  "/request-password-reset",
  "/forget-password",
  "/send-verification-email",
  "/verify-email",
  "/change-email",
  "/update-user",
  "/delete-user",
  "/link-social",
  "/unlink-account",
  "/list-accounts",
  "/account-info",
  "/get-access-token",
  "/refresh-token",
];

/** Groups seen in an SSO profile, kept for the moment between profile mapping and user creation. */
const pendingGroups = new Map<string, { groups: string[]; at: number }>();

function rememberGroups(email: string, groups: string[]) {
  const now = Date.now();
  for (const [k, v] of pendingGroups) if (now - v.at > 60_000) pendingGroups.delete(k);
  pendingGroups.set(email.toLowerCase(), { groups, at: now });
}

function createAuth() {
  const sso = ssoConfig();
  const mappings = parseRoleMappings(env().CONDUIT_SSO_ROLE_MAPPINGS);
  return betterAuth({
    appName: "Conduit",
    baseURL: consoleOrigin(),
    basePath: "/api/auth",
    secret: authSecret(),
    trustedOrigins: trustedOrigins(),
    database: prismaAdapter(db, { provider: "postgresql" }),
    telemetry: { enabled: false },
    logger: {
      log: (level, message) =>
        level === "error" ? logger.error({ auth: true }, message) : logger.debug({ auth: true }, message),
    },
    disabledPaths: DISABLED_PATHS,
    user: {
      modelName: "user",
      additionalFields: { disabled: { type: "boolean", defaultValue: false, input: false, required: false } },
    },
    account: {
      modelName: "authAccount",
      // An SSO identity joins an existing user only when the provider vouches for the email.
      accountLinking: { enabled: true, trustedProviders: [] },
    },
    session: {
      modelName: "session",
      expiresIn: sessionIdleSeconds(),
      updateAge: Math.min(300, sessionIdleSeconds() / 4),
      cookieCache: { enabled: false },
    },
    verification: { modelName: "verification" },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
      // Set-password links made by an admin (lib/auth/users.ts) last a day.
      resetPasswordTokenExpiresIn: 24 * 3600,
      sendResetPassword: async () => undefined,
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rateLimit",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: 30 },
        "/reset-password": { window: 60, max: 10 },
        "/change-password": { window: 60, max: 10 },
      },
    },
    advanced: {
      cookiePrefix: "conduit",
      useSecureCookies: secureCookies(),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: secureCookies() },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // A password change always ends the user's other sessions, whatever the client asked.
        if (ctx.path === "/change-password" && ctx.body && typeof ctx.body === "object")
          return { context: { ...ctx, body: { ...ctx.body, revokeOtherSessions: true } } };
      }),
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const user = await db.user.findUnique({ where: { id: session.userId }, select: { disabled: true } });
            if (!user || user.disabled)
              throw new APIError("FORBIDDEN", {
                message: "This user is disabled; ask an Account Admin.",
                code: "USER_DISABLED",
              });
          },
          after: async (session) => {
            const user = await db.user.findUnique({ where: { id: session.userId }, select: { email: true } });
            await db.$transaction((tx) =>
              recordAudit(tx, {
                actor: {
                  id: session.userId,
                  name: user?.email ?? session.userId,
                  kind: "user",
                  address: session.ipAddress ?? undefined,
                  userAgent: session.userAgent ?? undefined,
                },
                action: "SIGN_IN",
                entityType: "Session",
                entityId: session.id,
                scope: { accountId: env().CONDUIT_ACCOUNT_ID, orgIdentifier: "", projectIdentifier: "" },
              }),
            );
          },
        },
      },
      account: {
        // Conduit never calls the provider on the user's behalf: its tokens are not kept.
        create: { before: async (account) => ({ data: { ...account, ...NO_PROVIDER_TOKENS } }) },
        update: { before: async (account) => ({ data: { ...account, ...NO_PROVIDER_TOKENS } }) },
      },
      user: {
        create: {
          after: async (user) => {
            const seen = pendingGroups.get(user.email.toLowerCase());
            if (!seen) return;
            pendingGroups.delete(user.email.toLowerCase());
            await bindJustInTimeUser(user.id, mappedRoles(mappings, { email: user.email, groups: seen.groups }));
          },
        },
      },
    },
    plugins: sso
      ? [
          genericOAuth({
            config: [
              {
                providerId: sso.providerId,
                name: sso.name,
                discoveryUrl: `${sso.issuer}/.well-known/openid-configuration`,
                clientId: sso.clientId,
                clientSecret: sso.clientSecret,
                pkce: true,
                requireIdTokenVerification: true,
                scopes: ["openid", "email", "profile", ...(sso.groupsClaim === "groups" ? ["groups"] : [])],
                mapProfileToUser: (profile) => {
                  const email = String(profile.email ?? "").toLowerCase();
                  const domain = email.split("@").pop() ?? "";
                  if (!email) throw new APIError("FORBIDDEN", { message: "The provider did not send an email" });
                  if (sso.allowedDomains.length && !sso.allowedDomains.includes(domain))
                    throw new APIError("FORBIDDEN", {
                      message: `Sign-in from ${domain} is not allowed`,
                      code: "DOMAIN_NOT_ALLOWED",
                    });
                  const raw = (profile as Record<string, unknown>)[sso.groupsClaim];
                  rememberGroups(email, Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? [raw] : []);
                  return { email, name: String(profile.name ?? email) };
                },
              },
            ],
          }),
        ]
      : [],
  });
}

const NO_PROVIDER_TOKENS = {
  accessToken: null,
  refreshToken: null,
  idToken: null,
  accessTokenExpiresAt: null,
  refreshTokenExpiresAt: null,
};

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { conduitAuth?: Auth };

export function auth(): Auth {
  globalForAuth.conduitAuth ??= createAuth();
  return globalForAuth.conduitAuth;
}

/** Public facts for the sign-in page. */
export function signInOptions() {
  const sso = ssoConfig();
  return { sso: sso ? { providerId: sso.providerId, name: sso.name } : null };
}
