// What reaches a client when something below a route throws: every way of losing the database is
// a 503 with Retry-After, and nothing internal leaks into the message.
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { toAppError } from "./map-error";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("toAppError", () => {
  it.each([
    ["a refused connection", pgError("ECONNREFUSED")],
    ["a pool that is not queryable", new Error("Client has encountered a connection error and is not queryable")],
    ["a pool that could not hand out a connection", new Error("timeout exceeded when trying to connect")],
    ["a terminated connection", new Error("Connection terminated unexpectedly")],
    ["a statement timeout", pgError("57014", "canceling statement due to statement timeout")],
    ["a lock timeout", pgError("55P03", "canceling statement due to lock timeout")],
    [
      "a transaction that could not start",
      new Prisma.PrismaClientKnownRequestError("Unable to start a transaction in the given time.", {
        code: "P2028",
        clientVersion: "7",
      }),
    ],
    ["a wrapped one", Object.assign(new Error("query failed"), { cause: pgError("57P01") })],
  ])("%s is 503 DATABASE_UNAVAILABLE with Retry-After", (_what, err) => {
    const e = toAppError(err);
    expect(e).toMatchObject({ code: "DATABASE_UNAVAILABLE", status: 503 });
    expect(e.options.headers).toEqual({ "retry-after": "5" });
  });

  it("a unique violation is 409, anything unknown a 500 that says nothing internal", () => {
    const dup = new Prisma.PrismaClientKnownRequestError("Unique constraint failed on the fields: (`identifier`)", {
      code: "P2002",
      clientVersion: "7",
    });
    expect(toAppError(dup)).toMatchObject({ code: "ALREADY_EXISTS", status: 409 });
    const odd = toAppError(new TypeError("Cannot read properties of undefined (reading 'x') at /app/lib/secret.ts:3"));
    expect(odd).toMatchObject({ code: "INTERNAL", status: 500 });
    expect(odd.message + (odd.detail ?? "")).not.toMatch(/secret\.ts|undefined/);
  });
});
