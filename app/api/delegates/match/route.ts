// GET /api/delegates/match?selectors=a,b&org=&project=: how many connected delegates a connector
// with these selectors may use. Whoever may see connectors in the scope may ask (the wizard's
// delegate step); the list of delegates itself needs delegate:view.
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { matchQuerySchema } from "@/lib/delegates/schemas";
import { matchDelegates } from "@/lib/delegates/service";

export const dynamic = "force-dynamic";

export const GET = withRoute(
  { access: { permission: "connector:view" }, query: matchQuerySchema, scoped: true },
  async ({ query }) => matchDelegates(query.selectors),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
