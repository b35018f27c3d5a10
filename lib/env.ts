// The one place that reads process.env (validated once, at first use). Shared with the CLI
// scripts, so it does not import "server-only"; nothing in it is ever sent to the browser.
import net from "node:net";
import ipaddr from "ipaddr.js";
import { z } from "zod";

/** A request limit: `<points>/<seconds>`, e.g. `30/60` for 30 a minute. */
const rate = (fallback: string) =>
  z
    .string()
    .regex(/^\d{1,7}\/\d{1,6}$/, "<points>/<seconds>, e.g. 30/60")
    .prefault(fallback)
    .transform((v) => {
      const [points, duration] = v.split("/").map(Number) as [number, number];
      return { points, duration };
    })
    .refine((r) => r.points >= 1 && r.duration >= 1 && r.duration <= 86_400, "at least 1 point, 1 to 86400 seconds");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The interface `npm start` listens on: loopback unless set (0.0.0.0 to expose it). */
  HOST: z.string().min(1).default("127.0.0.1"),
  CONDUIT_ACCOUNT_ID: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, "letters, digits, _ and - only")
    .default("local_account"),
  CONDUIT_DATA_DIR: z.string().default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Conduit's public base URL (https): the OIDC issuer AWS fetches keys from. Unset: the request's
   * origin for the OIDC endpoints and http://localhost:<PORT> for the tokens (not usable by AWS).
   */
  CONDUIT_PUBLIC_URL: z.string().url().optional(),
  /** 32 random bytes, base64: encrypts secret values at rest. */
  CONDUIT_SECRET_KEY: z.string().optional(),
  /** Earlier keys (comma-separated, base64) still needed to decrypt values written before a rotation. */
  CONDUIT_SECRET_KEYS_PREVIOUS: z.string().optional(),
  /** First start only, while no user exists: the first Account Admin (else a one-time setup link is printed). */
  CONDUIT_ADMIN_EMAIL: z.string().email().optional(),
  CONDUIT_ADMIN_PASSWORD: z.string().min(12, "at least 12 characters").max(256).optional(),
  /** A session ends after this much inactivity, and in any case this long after sign-in. */
  CONDUIT_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(43_200).default(720),
  CONDUIT_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(2_160).default(168),
  /** Single sign-on with an OpenID Connect provider (authorization code + PKCE). */
  CONDUIT_SSO_ISSUER: z.string().url().optional(),
  CONDUIT_SSO_CLIENT_ID: z.string().min(1).optional(),
  CONDUIT_SSO_CLIENT_SECRET: z.string().min(1).optional(),
  /** The button says "Sign in with <name>". */
  CONDUIT_SSO_NAME: z.string().min(1).max(64).default("SSO"),
  /** Comma-separated; when set, only these email domains may sign in through SSO. */
  CONDUIT_SSO_ALLOWED_DOMAINS: z.string().default(""),
  /** The ID token claim holding the user's groups. */
  CONDUIT_SSO_GROUPS_CLAIM: z.string().min(1).default("groups"),
  /** Role bindings for new SSO users: `group:<g>=<role>[@<org>[/<project>]]` or `domain:<d>=…`, `;`-separated. */
  CONDUIT_SSO_ROLE_MAPPINGS: z.string().default(""),
  /** Tags of this server as a delegate; connectors with selectors run only when all match. */
  CONDUIT_DELEGATE_TAGS: z.string().default(""),
  CONDUIT_DELEGATE_ID: z.string().default("conduit-server"),
  /** The console's own in-process delegate; "false" leaves all work to registered delegates. */
  CONDUIT_BUILTIN_DELEGATE: z.enum(["true", "false"]).default("true"),
  /** Periodic connectivity checks of every connector: "false" turns them off for the whole console. */
  CONDUIT_PERIODIC_CHECKS: z.enum(["true", "false"]).default("true"),
  /** Minutes between checks for connectors without their own setting. */
  CONDUIT_PERIODIC_CHECK_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  /** How often each console instance looks for connectors whose check is due. */
  CONDUIT_PERIODIC_CHECK_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** How often delegates heartbeat; three missed beats and a delegate is disconnected. */
  CONDUIT_DELEGATE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** Bound for a whole connection test, and for each AWS call inside it. */
  CONDUIT_TEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  CONDUIT_AWS_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** CIDRs outbound requests to stored hosts may reach besides public addresses (e.g. 10.0.0.0/8). */
  CONDUIT_EGRESS_ALLOW: z
    .string()
    .default("")
    .refine(
      (s) => s.split(/[\s,]+/).every((x) => !x || ipaddr.isValidCIDR(x) || net.isIP(x) !== 0),
      "a comma-separated list of CIDRs (10.0.0.0/8) or addresses",
    ),
  /**
   * Time limits on every database pool (lib/db/pool.ts): a statement (server side, plus 500 ms on
   * the client for a database that does not answer at all), a wait for a row or table lock, and
   * the wait for a pooled or new connection. A slow, locked or frozen database is a 503 within seconds.
   */
  CONDUIT_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3_000),
  CONDUIT_DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  CONDUIT_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** Audit events older than this many days are deleted (hourly, in batches). */
  CONDUIT_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(400),
  CONDUIT_MAX_CONCURRENT_TESTS: z.coerce.number().int().min(1).max(256).default(8),
  /** Of those, how many one principal (user or service account) may run at once. */
  CONDUIT_MAX_CONCURRENT_TESTS_PER_PRINCIPAL: z.coerce.number().int().min(1).max(256).default(2),
  /**
   * Request limits counted in PostgreSQL (every instance shares them), `<points>/<seconds>`:
   * connection tests (saved, unsaved, GitOps) per principal and per org or project; AWS lookups
   * (regions, clusters, namespaces, kubeconfig, DescribeCluster) per principal, a search of every
   * region counting 10.
   */
  CONDUIT_LIMIT_TESTS_PER_PRINCIPAL: rate("30/60"),
  CONDUIT_LIMIT_TESTS_PER_SCOPE: rate("120/60"),
  CONDUIT_LIMIT_LOOKUPS_PER_PRINCIPAL: rate("120/60"),
  /**
   * Proxies in front of Conduit that append the address they saw to X-Forwarded-For. 0: none, the
   * header is ignored (proxy.ts drops it, so Next fills it from the socket); N: the Nth hop from the right.
   */
  CONDUIT_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(16).default(0),
  /** Set by EKS for IRSA; read here only to explain a missing setup before the SDK tries. */
  AWS_WEB_IDENTITY_TOKEN_FILE: z.string().optional(),
  AWS_ROLE_ARN: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
