// The route helpers of every versioned resource: item routes (GET as JSON or YAML, PUT with
// If-Match and a JSON or YAML body, DELETE) and collection routes (list, create from JSON or
// YAML). A route file names its schemas and service calls; negotiation, versions and status
// codes live here once.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { etag, expectedVersion } from "@/lib/http/version";
import type { ResourceKind } from "@/lib/access";
import type { Actor, Scope, ScopeRef } from "@/lib/scope";
import { otherMethods } from "./methods";
import { json, withRoute } from "./route";

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface ItemContext<P, Q> {
  params: P;
  query: Q;
  scope: Scope;
  actor: Actor;
}

const YAML_TYPE = "application/yaml; charset=utf-8";
const itemQuery = z.object({
  format: z.enum(["json", "yaml"]).default("json"),
  org: z.string().optional(),
  project: z.string().optional(),
});

/** `?format=yaml`, or an Accept header that asks for YAML and not JSON. */
export function wantsYaml(format: "json" | "yaml", headers: Headers): boolean {
  if (format === "yaml") return true;
  const accept = (headers.get("accept") ?? "").toLowerCase();
  return /(application|text)\/(x-)?yaml/.test(accept) && !accept.includes("application/json");
}

/** JSON or YAML, decided before any work is done: 406 when only YAML is acceptable and there is none. */
function responseFormat(format: "json" | "yaml", headers: Headers, hasYaml: boolean): "json" | "yaml" {
  if (!wantsYaml(format, headers)) return "json";
  if (hasYaml) return "yaml";
  if (format === "yaml" || !(headers.get("accept") ?? "").includes("*/*")) {
    throw new AppError("NOT_ACCEPTABLE", "This resource has no YAML form; ask for application/json");
  }
  return "json";
}

/** The DTO in the chosen format, with its version as ETag. */
function respond<D extends { version: number }>(as: "json" | "yaml", dto: D, toYaml?: (dto: D) => string) {
  const tag = { etag: etag(dto.version) };
  if (as === "yaml" && toYaml) return new Response(toYaml(dto), { headers: { "content-type": YAML_TYPE, ...tag } });
  return json(dto, { headers: tag });
}

export function itemRoutes<
  P extends AnyObject,
  B extends z.ZodType<{ version?: number }>,
  D extends { version: number },
  Q extends AnyObject = z.ZodObject<Record<never, never>>,
>(def: {
  /** Permissions: GET needs `<kind>:view`, PUT `<kind>:edit`, DELETE `<kind>:delete`. */
  kind: ResourceKind;
  params: P;
  /** The scope named by the path rather than `?org=&project=` (organizations, projects). */
  scopeFrom?: (params: z.infer<P>) => ScopeRef;
  /** Item query parameters besides format, org and project (e.g. `environment`). */
  query?: Q;
  /** The update body (JSON shape; `version` optional when If-Match is sent). */
  body: B;
  /** A YAML update body as the JSON shape, or a 422 naming the line. */
  fromYaml?: (text: string) => unknown;
  toYaml?: (dto: D) => string;
  get: (c: ItemContext<z.infer<P>, z.infer<Q>>) => Promise<D>;
  update: (c: ItemContext<z.infer<P>, z.infer<Q>>, input: Omit<z.infer<B>, "version">, version: number) => Promise<D>;
  remove: (c: ItemContext<z.infer<P>, z.infer<Q>>) => Promise<void>;
}) {
  const query = (def.query ?? z.object({})).extend(itemQuery.shape) as unknown as z.ZodType<
    z.infer<Q> & z.infer<typeof itemQuery>
  >;
  const base = { params: def.params, query, scoped: true, scopeFrom: def.scopeFrom } as const;
  const may = (action: "view" | "edit" | "delete") => ({ permission: `${def.kind}:${action}` as const });
  const routes = {
    GET: withRoute({ ...base, access: may("view") }, async ({ params, query, scope, actor, req }) => {
      const as = responseFormat(query.format, req.headers, Boolean(def.toYaml));
      return respond(as, await def.get({ params, query, scope, actor }), def.toYaml);
    }),
    PUT: withRoute(
      { ...base, access: may("edit"), body: def.body, fromYaml: def.fromYaml },
      async ({ params, query, body, scope, actor, req }) => {
        const as = responseFormat(query.format, req.headers, Boolean(def.toYaml));
        const version = expectedVersion(req.headers, body.version);
        const { version: _v, ...input } = body;
        const dto = await def.update({ params, query, scope, actor }, input, version);
        return respond(as, dto, def.toYaml);
      },
    ),
    DELETE: withRoute({ ...base, access: may("delete") }, async ({ params, query, scope, actor }) => {
      await def.remove({ params, query, scope, actor });
      return new Response(null, { status: 204 });
    }),
  };
  return { ...routes, ...otherMethods(routes) };
}

export function collectionRoutes<L extends AnyObject, B extends z.ZodType, D, R>(def: {
  /** Permissions: GET needs `<kind>:view`, POST `<kind>:edit`, both at the request's scope. */
  kind: ResourceKind;
  query: L;
  body: B;
  fromYaml?: (text: string) => unknown;
  list: (c: { query: z.infer<L>; scope: Scope; actor: Actor }) => Promise<R>;
  create: (c: { scope: Scope; actor: Actor }, input: z.infer<B>) => Promise<D>;
}) {
  const routes = {
    GET: withRoute(
      { access: { permission: `${def.kind}:view` }, query: def.query, scoped: true },
      ({ query, scope, actor }) => def.list({ query, scope, actor }),
    ),
    POST: withRoute(
      { access: { permission: `${def.kind}:edit` }, body: def.body, fromYaml: def.fromYaml, scoped: true },
      async ({ body, scope, actor }) => json(await def.create({ scope, actor }, body), { status: 201 }),
    ),
  };
  return { ...routes, ...otherMethods(routes) };
}
