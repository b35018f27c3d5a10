// GET /api/audit: audit events, newest first, filtered by scope, entity type, action or text
import { auditQuerySchema } from "@/lib/audit/schemas";
import { listAuditEvents } from "@/lib/audit/queries";
import { withRoute } from "@/lib/api/route";

export const GET = withRoute({ query: auditQuerySchema }, async ({ query, scope }) =>
  listAuditEvents({ accountId: scope.accountId, query }),
);
