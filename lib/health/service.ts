// Readiness: a database round trip through the app's own pool, and no pending migrations.
import "server-only";
import { db } from "@/lib/db";
import { migrationStatus } from "@/lib/db/migrations";
import { AppError } from "@/lib/http/errors";
import { isConnectionError } from "@/lib/http/map-error";

export async function checkReadiness(): Promise<{ status: "ready"; database: "ok"; migrations: { applied: number } }> {
  let status;
  try {
    status = await migrationStatus((sql) => db.$queryRawUnsafe<Record<string, unknown>[]>(sql));
  } catch (err) {
    if (isConnectionError(err)) throw new AppError("DATABASE_UNAVAILABLE", "The database does not answer");
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
