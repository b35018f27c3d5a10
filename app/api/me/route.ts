// GET /api/me?org=&project=: who is signed in, and what they may do in that scope (none where they have no role)
import { z } from "zod";
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { describeMe } from "@/lib/api/me";

export const dynamic = "force-dynamic";
const query = z.object({ org: z.string().max(128).optional(), project: z.string().max(128).optional() });

// Not resolved against the database: permissions follow from the grants alone, so the answer is
// the same for a scope that does not exist and one the caller has no role in.
export const GET = withRoute({ access: { signedIn: true }, query }, ({ actor, scope, query }) =>
  describeMe(actor, { ...scope, orgIdentifier: query.org, projectIdentifier: query.org ? query.project : undefined }),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
