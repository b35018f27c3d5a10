// Readiness: a database round trip through the app's own pool, and no pending migrations, answered
// within READY_LIMIT_MS whatever the database does (a frozen one included): past that, 503. A
// stopping console is not ready either, so load balancers stop sending it requests.
import "server-only";
import { db } from "@/lib/db";
import { isStopping } from "@/lib/lifecycle";
import { migrationStatus } from "@/lib/db/migrations";
import { AppError } from "@/lib/http/errors";
import { isConnectionError } from "@/lib/http/map-error";

/** Under the 2 s a probe may wait, with room for the HTTP round trip. */
export const READY_LIMIT_MS = 1_500;

const unavailable = (detail: string) =>
  new AppError("DATABASE_UNAVAILABLE", detail, { headers: { "retry-after": "5" } });

type Ready = { status: "ready"; database: "ok"; migrations: { applied: number } };

export async function checkReadiness(limitMs = READY_LIMIT_MS): Promise<Ready> {
  if (isStopping()) throw new AppError("NOT_READY", "The console is stopping", { headers: { "retry-after": "5" } });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable(`The database did not answer within ${limitMs / 1000} s`)), limitMs);
  });
  const check = checkDatabase();
  check.catch(() => {}); // it may settle after the answer went out
  try {
    return await Promise.race([check, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkDatabase(): Promise<Ready> {
  let status;
  try {
    status = await migrationStatus((sql) => db.$queryRawUnsafe<Record<string, unknown>[]>(sql));
  } catch (err) {
    if (isConnectionError(err)) throw unavailable("The database does not answer");
    throw err;
  }
  const problems = [
    status.pending.length ? `${status.pending.length} pending migration(s): ${status.pending.join(", ")}` : "",
    status.modified.length ? `changed migration file(s): ${status.modified.join(", ")}` : "",
    status.failed.length ? `failed migration(s): ${status.failed.join(", ")}` : "",
  ].filter(Boolean);
  if (problems.length) throw new AppError("NOT_READY", problems.join("; "));
  return { status: "ready", database: "ok", migrations: { applied: status.applied.length } };
}
