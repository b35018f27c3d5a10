// POST /api/oidc/preview: decoded header/claims of the token a connector would send, plus the AWS setup it needs
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { oidcPreviewRequestSchema } from "@/lib/oidc/schemas";
import { previewOidcToken } from "@/lib/oidc/service";

export const POST = withRoute(
  { access: { permission: "connector:view" }, body: oidcPreviewRequestSchema, scoped: true },
  async ({ body, scope }) => previewOidcToken({ scope, body }),
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
