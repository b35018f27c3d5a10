// Maps anything thrown below a route into an AppError. Internals stay in the log.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "./errors";

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "P1001",
  "P1002",
  "P1017",
  // The database is there but did not answer in time: a statement or lock timeout.
  "57014",
  "55P03",
  "P1008",
  "P2024",
  "P2028",
]);

/** True when the error (or one it wraps) says the database cannot be reached. */
export function isConnectionError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && CONNECTION_CODES.has(e.code)) return true;
  if (
    typeof e.message === "string" &&
    /connection terminated|connect ECONNREFUSED|Can't reach database|terminating connection|timeout exceeded when trying to connect|not queryable|Query read timeout|statement timeout|lock timeout|Connection closed/i.test(
      e.message,
    )
  ) {
    return true;
  }
  if (Array.isArray(e.errors) && e.errors.some((x) => isConnectionError(x, depth + 1))) return true;
  return isConnectionError(e.cause, depth + 1);
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002")
      return new AppError("ALREADY_EXISTS", "An item with this identifier already exists in this scope");
    if (err.code === "P2025") return new AppError("NOT_FOUND");
    if (err.code === "P2003") return new AppError("IN_USE", "Other items still refer to this one");
  }
  if (isConnectionError(err))
    return new AppError("DATABASE_UNAVAILABLE", "Conduit cannot reach its database; try again shortly", {
      headers: { "retry-after": "5" },
    });
  return new AppError("INTERNAL", "An unexpected error occurred; quote the request id when reporting it");
}
