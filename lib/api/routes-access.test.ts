// The route walk: every handler under app/api declares what it needs from its caller (a handler
// without `.access` fails here, named), and the declaration holds on the wire. Each declared
// handler is called the way Next calls it, as nobody, with a bad token, and as principals with
// role bindings at scopes (org A with projects p1 and p2):
// - no credentials or an invalid token → 401 problem+json (public handlers never say 401);
// - viewer at A/p1: `:view` handlers answer, any other permission is a 403 FORBIDDEN naming it;
// - editor at A/p1: resource edit/delete/test and secret:access answer; people, OIDC keys,
//   orgs and projects are 403;
// - project admin at A/p1: also access:manage and project:edit; never project:delete or org:*;
// - viewer at org A reaches p1; a viewer of org B, or of A/p1 asking about p2, gets the very
//   404 a scope that does not exist gives.
// Paths are filled from the folder names; bodies are `{}` (authorization comes before the body),
// and every identifier names nothing, so allowed calls end quickly in 404/409/422.
import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Permission } from "@/lib/access";
import { createDelegateToken } from "@/lib/delegates/service";
import { createEnvironment } from "@/lib/environments/service";
import { resetEnvCache } from "@/lib/env";
import { SYSTEM_ACTOR } from "@/lib/scope";
import { createOrganization, createProject, resolveScope } from "@/lib/scopes/service";
import { principal, type GrantSpec } from "@/scripts/lib/test-principals";
import { declare, withRoute, type Access } from "./route";

// This file's own account: the admin calls below rotate its OIDC key and touch its orgs only.
const ACCOUNT = "routes_walk_account";
const sharedAccount = process.env.CONDUIT_ACCOUNT_ID;
process.env.CONDUIT_ACCOUNT_ID = ACCOUNT;
resetEnvCache();
afterAll(() => {
  process.env.CONDUIT_ACCOUNT_ID = sharedAccount;
  resetEnvCache();
});

const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
const API_DIR = path.join(process.cwd(), "app", "api");
const GRANTABLE = new Set<string>(Object.values(ROLES).flatMap((r) => [...r.permissions]));

/** What is wrong with a route module's declarations, one line per handler ("file METHOD: why"). */
function accessProblems(mod: Record<string, unknown>, file: string): string[] {
  const out: string[] = [];
  for (const method of METHODS) {
    const handler = mod[method];
    if (handler === undefined) continue;
    if (typeof handler !== "function") {
      out.push(`${file} ${method}: exported but not a function`);
      continue;
    }
    const access = (handler as { access?: unknown }).access;
    if (!access || typeof access !== "object") {
      out.push(`${file} ${method}: no declared access (build it with withRoute, or wrap it in declare())`);
      continue;
    }
    const a = access as Record<string, unknown>;
    const kinds = ["public", "signedIn", "visible", "delegate", "permission"].filter((k) => k in a);
    if (kinds.length !== 1)
      out.push(`${file} ${method}: access must say exactly one of public, signedIn, visible, delegate, permission`);
    else if (kinds[0] === "permission" && !GRANTABLE.has(String(a.permission)))
      out.push(`${file} ${method}: "${String(a.permission)}" is a permission no role has`);
    else if (kinds[0] !== "permission" && a[kinds[0]!] !== true)
      out.push(`${file} ${method}: ${kinds[0]} must be true`);
  }
  return out;
}

type Handler = ((
  req: NextRequest,
  ctx: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>) & {
  access?: Access;
};

function routeFiles(): string[] {
  return readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

const modules = await Promise.all(
  routeFiles().map(async (file) => ({
    file: `app/api/${file}`,
    segments: file.split("/").slice(0, -1),
    mod: (await import(path.join(API_DIR, file))) as Record<string, unknown>,
  })),
);

interface Entry {
  name: string;
  file: string;
  segments: string[];
  method: Method;
  handler: Handler;
  access: Access;
}
const entries: Entry[] = modules.flatMap(({ file, segments, mod }) =>
  METHODS.filter((m) => typeof mod[m] === "function" && (mod[m] as Handler).access).map((method) => ({
    name: `${method} /api/${segments.join("/")}`,
    file,
    segments,
    method,
    handler: mod[method] as Handler,
    access: (mod[method] as Handler).access!,
  })),
);

// ---- requests ------------------------------------------------------------------------------

const ORG = "A";
const MISSING = "walk_missing";
/** better-auth's catch-all: a read and a post that change nothing (its other methods are 405). */
const CATCH_ALL: Partial<Record<Method, string[]>> = { GET: ["get-session"], POST: ["sign-in", "email"] };

function target(e: Entry, at: { org?: string; project?: string } = {}) {
  const org = at.org ?? ORG;
  const project = at.project ?? "p1";
  const params: Record<string, string | string[]> = {};
  const parts = e.segments.map((seg) => {
    const m = /^\[\[?(\.\.\.)?(\w+)\]?\]$/.exec(seg);
    if (!m) return seg;
    const name = m[2]!;
    const value = m[1]
      ? name === "all"
        ? (CATCH_ALL[e.method] ?? ["walk-missing"])
        : ["walk", "nowhere"]
      : ({ org, project, accountId: ACCOUNT, identifier: MISSING, id: "walk-missing-id" } as Record<string, string>)[
          name
        ];
    if (value === undefined) throw new Error(`${e.file}: the walk has no value for the path segment ${seg}; add one`);
    params[name] = value;
    return Array.isArray(value) ? value.join("/") : value;
  });
  // Scope for query-scoped routes, and what lookups require before they can be authorized.
  const query = new URLSearchParams({
    org,
    project,
    environment: "walk_env",
    connectorRef: "walk_conn",
    cluster: "walk_cluster",
  });
  return { url: `http://localhost/api/${parts.join("/")}?${query}`, params };
}

interface Answer {
  status: number;
  problem?: { code?: string; detail?: string; status?: number; type?: string; title?: string };
  authenticate: string | null;
}

async function call(
  e: Entry,
  headers: Record<string, string>,
  at?: { org?: string; project?: string },
): Promise<Answer> {
  const { url, params } = target(e, at);
  const withBody = e.method === "POST" || e.method === "PUT" || e.method === "PATCH";
  const req = new NextRequest(url, {
    method: e.method,
    headers: { ...headers, ...(withBody ? { "content-type": "application/json" } : {}) },
    ...(withBody ? { body: "{}" } : {}),
  });
  const res = await e.handler(req, { params: Promise.resolve(params) });
  const type = res.headers.get("content-type") ?? "";
  const problem = type.includes("application/problem+json") ? await res.json() : undefined;
  if (!problem) await res.body?.cancel();
  return { status: res.status, problem, authenticate: res.headers.get("www-authenticate") };
}

// ---- who asks --------------------------------------------------------------------------------

const who = {
  viewer: [{ role: "viewer", org: ORG, project: "p1" }],
  editor: [{ role: "editor", org: ORG, project: "p1" }],
  projectAdmin: [{ role: "project_admin", org: ORG, project: "p1" }],
  orgViewer: [{ role: "viewer", org: ORG }],
  otherOrgViewer: [{ role: "viewer", org: "B" }],
  admin: [{ role: "account_admin" }],
} satisfies Record<string, GrantSpec[]>;
type Who = keyof typeof who;
const headers = {} as Record<Who, Record<string, string>>;
/** A live delegate token: the only credential the delegate protocol accepts. */
let delegateHeaders: Record<string, string> = {};

type Level = "account" | "org" | "project";
/** Where a handler checks its permission: the path's org/project, else the query's scope, else the account. */
const levels = new Map<Entry, Level>();

async function levelOf(e: Entry): Promise<Level> {
  if (e.segments.includes("[project]")) return "project";
  if (e.segments.includes("[org]")) return "org";
  // A handler that resolves ?org= answers a missing org with the scope 404, before anything else.
  const probe = await call(e, headers.admin, { org: "walk_missing_org" });
  return probe.status === 404 && probe.problem?.detail === 'Organization "walk_missing_org" does not exist'
    ? "project"
    : "account";
}

const RESOURCE = /^(connector|secret|environment|infrastructure|gitops_agent|gitops_cluster):(edit|delete|test)$/;

/** The brief, written out: whether `w` may call a handler needing `p` at a scope of `level` in org A. */
function allowed(w: Who, p: Permission, level: Level): boolean {
  const view = p.endsWith(":view");
  const editor = view || RESOURCE.test(p) || p === "secret:access";
  if (w === "admin") return true;
  if (level === "account" || w === "otherOrgViewer") return false;
  if (level === "org") return w === "orgViewer" && view;
  if (w === "viewer" || w === "orgViewer") return view;
  if (w === "editor") return editor;
  return editor || p === "access:manage" || p === "project:edit";
}

const SCOPE_404 = /^(Organization "[^"]*" does not exist|Project "[^"]*" does not exist in organization "[^"]*")$/;
/** Let in: neither 401 nor 403 nor the scope 404, and no server error (the work after authorization ran cleanly). */
const isAnswered = (a: Answer) =>
  a.status !== 401 &&
  a.status !== 403 &&
  a.status < 500 &&
  !(a.status === 404 && SCOPE_404.test(a.problem?.detail ?? ""));
const describeAnswer = (a: Answer) => `${a.status} ${a.problem?.code ?? ""} ${a.problem?.detail ?? ""}`.trim();
const sameProblem = (a?: Answer["problem"]) => a && { code: a.code, status: a.status, type: a.type, title: a.title };

beforeAll(async () => {
  const by = SYSTEM_ACTOR;
  await createOrganization({ input: { identifier: ORG, name: "A", description: "" }, by });
  await createOrganization({ input: { identifier: "B", name: "B", description: "" }, by });
  for (const p of ["p1", "p2"]) {
    await createProject({ orgIdentifier: ORG, input: { identifier: p, name: p, description: "" }, by });
    // Something in each project, so an allowed DELETE of the project is a 409 and p1 stays.
    await createEnvironment({
      scope: await resolveScope({ org: ORG, project: p }),
      input: { identifier: "keep", name: "Keep", description: "", tags: {}, type: "PreProduction" },
      by,
    });
  }
  for (const [name, grants] of Object.entries(who))
    headers[name as Who] = (await principal({ grants, name: `walk ${name}` })).headers;
  delegateHeaders = { authorization: `Bearer ${(await createDelegateToken("walk", by)).token}` };
  for (const e of entries) if (!("public" in e.access || "delegate" in e.access)) levels.set(e, await levelOf(e));
}, 60_000);

// ---- the declarations ------------------------------------------------------------------------

describe("declarations", () => {
  it("finds the route files", () => {
    expect(modules.length).toBeGreaterThan(40);
    expect(entries.length).toBeGreaterThan(60);
  });

  it("every exported HTTP handler in app/api declares its access", () => {
    const problems = modules.flatMap(({ file, mod }) => accessProblems(mod, file));
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("the check reports a plain handler, a malformed declaration and a permission nobody holds", () => {
    const plain = async () => new Response("ok");
    const fake = {
      dynamic: "force-dynamic",
      GET: plain,
      POST: declare(async () => new Response(), { permission: "connector:edit" }),
      PUT: declare(async () => new Response(), { permission: "connector:fly" as Permission }),
      PATCH: declare(async () => new Response(), {} as Access),
      DELETE: withRoute({ access: { public: true } }, async () => null),
    };
    expect(accessProblems(fake, "app/api/fake/route.ts")).toEqual([
      "app/api/fake/route.ts GET: no declared access (build it with withRoute, or wrap it in declare())",
      'app/api/fake/route.ts PUT: "connector:fly" is a permission no role has',
      "app/api/fake/route.ts PATCH: access must say exactly one of public, signedIn, visible, delegate, permission",
    ]);
    expect(accessProblems({ GET: "not a function" }, "x")).toEqual(["x GET: exported but not a function"]);
  });
});

// ---- on the wire -------------------------------------------------------------------------------

/** No credentials and a token nobody issued: 401 problem+json asking for a bearer token. */
async function unauthenticatedProblems(e: Entry): Promise<string[]> {
  const wrong: string[] = [];
  for (const [label, h] of [
    ["without credentials", {}],
    ["with an invalid token", { authorization: "Bearer cdt_this-token-was-never-issued" }],
  ] as const) {
    const a = await call(e, h);
    if (a.status !== 401 || a.problem?.code !== "UNAUTHENTICATED" || a.authenticate !== 'Bearer realm="conduit"')
      wrong.push(`${label} should get 401 UNAUTHENTICATED, got ${describeAnswer(a)}`);
    else if (label === "with an invalid token" && !/token is not valid/.test(a.problem.detail ?? ""))
      wrong.push(`an invalid token should be told so, got ${describeAnswer(a)}`);
  }
  return wrong;
}

/** Each principal gets through, a 403 naming the permission, or the scope 404, as `allowed` says. */
async function roleProblems(e: Entry, level: Level): Promise<string[]> {
  const access = e.access;
  const names = Object.keys(who) as Who[];
  const answers = await Promise.all(names.map((w) => call(e, headers[w])));
  const wrong: string[] = [];
  for (const [i, w] of names.entries()) {
    const a = answers[i]!;
    const may =
      "permission" in access
        ? allowed(w, access.permission, level)
        : w !== "otherOrgViewer" || level === "account" || "signedIn" in access;
    if (may) {
      if (!isAnswered(a)) wrong.push(`${w} should get through (${level}), got ${describeAnswer(a)}`);
    } else if ("permission" in access && (w !== "otherOrgViewer" || level === "account")) {
      // Everyone knows the account; inside org A only those with a grant there know it.
      if (a.status !== 403 || a.problem?.code !== "FORBIDDEN" || !a.problem.detail?.includes(`"${access.permission}"`))
        wrong.push(`${w} should get 403 naming "${access.permission}" (${level}), got ${describeAnswer(a)}`);
    } else if (a.status !== 404 || !SCOPE_404.test(a.problem?.detail ?? "")) {
      // A viewer of org B may not know org A exists.
      wrong.push(`${w} should get the scope 404 (${level}), got ${describeAnswer(a)}`);
    }
  }
  return wrong;
}

describe.each(entries)("$name", (e) => {
  const access = e.access;

  if ("public" in access) {
    it("is public: answers without credentials, never 401", async () => {
      const a = await call(e, {});
      expect(a.status, describeAnswer(a)).not.toBe(401);
    });
    return;
  }

  if ("delegate" in access) {
    it("lets in a live delegate token only: no credentials, an invalid one and every API token get 401", async () => {
      const refused = [
        ["without credentials", {}],
        ["with a delegate token nobody issued", { authorization: "Bearer cdd_this-token-was-never-issued-at-all" }],
        ...(Object.keys(who) as Who[]).map((w) => [`with ${w}'s API token`, headers[w]] as const),
      ] as const;
      const wrong: string[] = [];
      for (const [label, h] of refused) {
        const a = await call(e, h);
        if (a.status !== 401 || a.authenticate !== 'Bearer realm="conduit-delegate"')
          wrong.push(`${label} should get 401, got ${describeAnswer(a)}`);
      }
      const live = await call(e, delegateHeaders);
      if (!isAnswered(live)) wrong.push(`a live delegate token should get through, got ${describeAnswer(live)}`);
      expect(wrong, wrong.join("\n")).toEqual([]);
    });
    return;
  }

  it("answers 401 problem+json without credentials and for an invalid token", async () => {
    const wrong = await unauthenticatedProblems(e);
    expect(wrong, wrong.join("\n")).toEqual([]);
  });

  it("lets in exactly the roles that hold what it needs", async () => {
    const wrong = await roleProblems(e, levels.get(e)!);
    expect(wrong, wrong.join("\n")).toEqual([]);
  });

  it("never tells whether a scope exists: the 404 of a missing scope, or the query ignored", async () => {
    const level = levels.get(e)!;
    if (level === "account" || "signedIn" in access) {
      // Not scoped by the query: ?org=&project= are ignored, so they reveal nothing either way.
      const known = await call(e, headers.otherOrgViewer, { project: "p2" });
      const missing = await call(e, headers.otherOrgViewer, { org: "walk_nope_org" });
      expect(SCOPE_404.test(known.problem?.detail ?? ""), describeAnswer(known)).toBe(false);
      expect(missing.status, describeAnswer(missing)).toBe(known.status);
      return;
    }
    if (level === "project") {
      // Viewer at A/p1 asking about A/p2, which exists: the 404 of a project that does not.
      const hidden = await call(e, headers.viewer, { project: "p2" });
      const missing = await call(e, headers.admin, { project: "walk_nope" });
      expect(missing.problem?.detail).toBe(`Project "walk_nope" does not exist in organization "${ORG}"`);
      expect(hidden.status, describeAnswer(hidden)).toBe(404);
      expect(hidden.problem?.detail).toBe(`Project "p2" does not exist in organization "${ORG}"`);
      expect(sameProblem(hidden.problem)).toEqual(sameProblem(missing.problem));
    }
    // A viewer of org B asking about org A: the 404 of an org that does not exist.
    const otherOrg = await call(e, headers.otherOrgViewer);
    const missingOrg = await call(e, headers.admin, { org: "walk_nope_org" });
    expect(otherOrg.status, describeAnswer(otherOrg)).toBe(404);
    expect(otherOrg.problem?.detail).toBe(
      level === "org" ? `Organization "${ORG}" does not exist` : `Project "p1" does not exist in organization "${ORG}"`,
    );
    expect(missingOrg.problem?.detail).toBe('Organization "walk_nope_org" does not exist');
    expect(sameProblem(otherOrg.problem)).toEqual(sameProblem(missingOrg.problem));
  });
});

// The walk must be able to fail: a handler that declares a permission but never checks it, and
// one that checks a weaker permission than it declares, are caught on the wire.
describe("the wire checks", () => {
  const fake = (handler: Handler, access: Access): Entry => ({
    name: "POST /api/fake",
    file: "app/api/fake/route.ts",
    segments: ["fake"],
    method: "POST",
    handler: declare(handler, access),
    access,
  });

  it("catch a handler that declares a permission and lets everyone in", async () => {
    const open = fake(async () => Response.json({ ok: true }), { permission: "connector:edit" });
    expect(await unauthenticatedProblems(open)).toHaveLength(2);
    const wrong = await roleProblems(open, "project");
    expect(wrong).toEqual(
      expect.arrayContaining([
        'viewer should get 403 naming "connector:edit" (project), got 200',
        'orgViewer should get 403 naming "connector:edit" (project), got 200',
        "otherOrgViewer should get the scope 404 (project), got 200",
      ]),
    );
  });

  it("catch a handler that enforces less than it declares", async () => {
    const real = withRoute({ access: { permission: "connector:view" }, scoped: true }, async () => ({ ok: true }));
    const lying = fake(real, { permission: "connector:delete" });
    expect(await unauthenticatedProblems(lying)).toEqual([]);
    expect(await roleProblems(lying, "project")).toEqual([
      'viewer should get 403 naming "connector:delete" (project), got 200',
      'orgViewer should get 403 naming "connector:delete" (project), got 200',
    ]);
  });
});

// The brief's rules, spelled out once more over the declared permissions, so that a change to
// `allowed` above that weakens them is caught too.
describe("the expectations", () => {
  it("deny an editor people, OIDC keys, orgs and projects, and a viewer anything but viewing", () => {
    for (const p of GRANTABLE as Set<Permission>) {
      if (/^(access|user|oidc):manage$|^org:(edit|delete)$|^project:(edit|delete)$/.test(p))
        expect(allowed("editor", p, "project"), p).toBe(false);
      if (!p.endsWith(":view")) expect(allowed("viewer", p, "project"), p).toBe(false);
      if (p.endsWith(":view")) expect(allowed("orgViewer", p, "project"), p).toBe(true);
    }
    expect(allowed("projectAdmin", "project:delete", "project")).toBe(false);
    expect(allowed("projectAdmin", "access:manage", "project")).toBe(true);
  });
});
