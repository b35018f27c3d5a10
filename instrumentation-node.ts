// Runs once when the Next.js server starts. Refuses to serve without the secret key, rather than
// failing on the first request that touches a secret (`npm start` provides a local key outside
// production); then, while no user exists, creates the first Account Admin from
// CONDUIT_ADMIN_EMAIL + CONDUIT_ADMIN_PASSWORD or prints a one-time setup link; and schedules the
// background jobs (lib/jobs): audit retention, hourly; periodic connectivity checks of every
// connector (lib/connection-test/periodic.ts).
import { env } from "./lib/env";

export async function start(): Promise<void> {
  if (!env().CONDUIT_SECRET_KEY) {
    console.error(
      "[conduit] CONDUIT_SECRET_KEY is not set: refusing to start. Use `npm start` (it provides a local key outside production) or set CONDUIT_SECRET_KEY (`openssl rand -base64 32`).",
    );
    process.exit(1);
  }
  if (!env().DATABASE_URL) return;
  const { bootstrapIdentity } = await import("./lib/auth/bootstrap");
  await bootstrapIdentity((msg) => console.log(`[conduit] ${msg}`)).catch((err: unknown) => {
    console.error(`[conduit] could not check for the first admin: ${err instanceof Error ? err.message : String(err)}`);
  });
  const [{ scheduleRecurring }, { pruneAudit }, { startPeriodicChecks }] = await Promise.all([
    import("./lib/jobs"),
    import("./lib/audit/retention"),
    import("./lib/connection-test/periodic"),
  ]);
  await scheduleRecurring({ name: "audit-retention", cron: "17 * * * *", run: () => pruneAudit() })
    .then(() => startPeriodicChecks())
    .catch((err: unknown) => {
      console.error(
        `[conduit] could not schedule background jobs: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
}
