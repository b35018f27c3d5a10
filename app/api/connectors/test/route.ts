// POST /api/connectors/test: test an unsaved connector spec from the wizard (only the audit entry is stored)
// GET/PUT/DELETE: a connector whose identifier is literally "test" stays reachable.
import type { NextRequest } from "next/server";
import { connectorInputSchema } from "@/lib/connectors/schemas";
import { testUnsavedConnector } from "@/lib/connection-test/service";
import { declare, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { NDJSON_HEADERS } from "@/lib/http/stream";
import * as one from "../[identifier]/route";

export const dynamic = "force-dynamic";
export const POST = withRoute(
  { access: { permission: "connector:test" }, body: connectorInputSchema, scoped: true, limit: "test" },
  async ({ req, body, scope, actor: by }) =>
    new Response(await testUnsavedConnector({ scope, input: body, by, signal: req.signal }), {
      headers: NDJSON_HEADERS,
    }),
);

const asIdentifier = (handler: typeof one.GET) =>
  declare((req: NextRequest) => handler(req, { params: Promise.resolve({ identifier: "test" }) }), handler.access);
export const GET = asIdentifier(one.GET);
export const PUT = asIdentifier(one.PUT);
export const DELETE = asIdentifier(one.DELETE);
export const { OPTIONS, PATCH } = otherMethods({ POST, GET, PUT, DELETE });
