"use client";
import { useMemo } from "react";
import { ConnectorWizard } from "@/components/connectors/connector-wizard";
import { RequirePermission } from "@/components/identity/require-permission";
import { useConnector } from "@/lib/connectors/hooks";
import { useScope } from "@/lib/scopes/hooks";
import { ConnectorLoadState } from "./connector-load-state";

export function EditConnector({ identifier }: { identifier: string }) {
  const { org, project, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const query = useConnector(scope, identifier);
  // The wizard takes the connector once: later background refetches must not reset the form.
  if (!query.data)
    return <ConnectorLoadState error={query.error} identifier={identifier} listHref={href("/connectors")} />;
  return (
    <RequirePermission
      permission="connector:edit"
      what="edit connectors"
      back={{ label: "Back to the connector", path: `/connectors/${encodeURIComponent(identifier)}` }}
    >
      <ConnectorWizard connector={query.data} />
    </RequirePermission>
  );
}
