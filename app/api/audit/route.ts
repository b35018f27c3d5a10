// GET /api/audit: audit events, newest first, filtered by scope, entity type, action or text
import { auditQuerySchema } from "@/lib/audit/schemas";
import { listAuditEvents } from "@/lib/audit/queries";
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const GET = withRoute(
  { access: { permission: "audit:view" }, query: auditQuerySchema, scoped: true },
  async ({ query, scope }) => listAuditEvents({ scope, query }),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
