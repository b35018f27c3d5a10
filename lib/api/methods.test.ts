// Every method of every /api path answers problem+json: each route file exports all seven (HEAD
// may be left to Next when there is a GET), a method it lacks is 405 with the Allow its OPTIONS
// gives, a method it has is not, and a path no route serves is 404 for every method.
import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { FOREIGN_METHOD_HEADER } from "@/lib/http/front-door";
import { allowHeader, otherMethods, ROUTE_METHODS, unknownPath, type RouteHandler } from "./methods";
import { withRoute } from "./route";

const API_DIR = path.join(process.cwd(), "app", "api");
const files = readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
  .filter((f) => path.basename(f) === "route.ts")
  .map((f) => f.split(path.sep).join("/"))
  .sort();
const modules = await Promise.all(
  files.map(async (file) => ({
    file,
    mod: (await import(path.join(API_DIR, file))) as Record<string, RouteHandler | undefined>,
  })),
);
const CATCH_ALL = "[[...path]]/route.ts";

const call = (handler: RouteHandler, method: string, headers: Record<string, string> = {}) =>
  handler(new NextRequest("http://localhost/api/walk", { method, headers }), { params: Promise.resolve({}) });

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as { status: number; code: string; detail: string };
}

describe("allowHeader", () => {
  it("adds OPTIONS always and HEAD with GET, in one order", () => {
    expect(allowHeader(["DELETE", "GET", "PUT"])).toBe("GET, HEAD, OPTIONS, PUT, DELETE");
    expect(allowHeader(["POST"])).toBe("OPTIONS, POST");
  });
});

describe("otherMethods", () => {
  const own = { POST: withRoute({ access: { public: true } }, async () => ({ ok: true })) };
  const others = otherMethods(own);

  it("covers every method the route lacks, HEAD too when there is no GET", () => {
    expect(Object.keys(others).sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "PUT"]);
    expect(Object.keys(otherMethods({ GET: own.POST })).sort()).toEqual(["DELETE", "OPTIONS", "PATCH", "POST", "PUT"]);
  });

  it("answers a missing method 405 problem+json with Allow, and OPTIONS 204 with the same Allow", async () => {
    const res = await call(others.PATCH, "PATCH");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("OPTIONS, POST");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(await problemOf(res)).toMatchObject({
      status: 405,
      code: "METHOD_NOT_ALLOWED",
      detail: expect.stringContaining("PATCH"),
    });
    const options = await call(others.OPTIONS, "OPTIONS");
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("OPTIONS, POST");
  });

  it("answers a method Next does not know (OPTIONS marked by the front door) 405 naming it", async () => {
    const res = await call(others.OPTIONS, "OPTIONS", { [FOREIGN_METHOD_HEADER]: "TRACE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("OPTIONS, POST");
    expect((await problemOf(res)).detail).toMatch(/^TRACE is not served here/);
  });
});

describe("unknownPath", () => {
  it("is 404 problem+json for every method", async () => {
    const routes = unknownPath();
    for (const m of ROUTE_METHODS) {
      const res = await call(routes[m], m);
      expect(res.status, m).toBe(404);
      if (m !== "HEAD")
        expect(await problemOf(res)).toMatchObject({ code: "NOT_FOUND", detail: "No API route at /api/walk" });
    }
  });
});

describe("every route file in app/api", () => {
  it("finds them, and the catch-all for unknown paths", () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files).toContain(CATCH_ALL);
  });

  it.each(modules.filter((m) => m.file !== CATCH_ALL))("$file answers every method", async ({ mod }) => {
    for (const m of ROUTE_METHODS)
      if (!(m === "HEAD" && mod.GET)) expect(typeof mod[m], `${m} is not exported`).toBe("function");
    const options = await call(mod.OPTIONS!, "OPTIONS");
    expect(options.status).toBe(204);
    const allow = options.headers.get("allow")!.split(", ");
    for (const m of ROUTE_METHODS) {
      const handler = m === "HEAD" && !mod.HEAD ? mod.GET! : mod[m]!;
      if (allow.includes(m)) continue;
      const res = await call(handler, m);
      expect(res.status, m).toBe(405);
      expect(res.headers.get("allow"), m).toBe(allow.join(", "));
      expect((await problemOf(res)).code).toBe("METHOD_NOT_ALLOWED");
    }
    // What it serves is its own: never the 405 (without credentials that is mostly a 401).
    for (const m of allow.filter((a) => a !== "OPTIONS" && a !== "HEAD")) {
      const res = await call(mod[m]!, m);
      expect(res.status, m).not.toBe(405);
      await res.body?.cancel();
    }
  });
});
