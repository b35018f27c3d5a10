import type { Metadata } from "next";
import { ConnectorWizard } from "@/components/connectors/connector-wizard";
import { RequirePermission } from "@/components/identity/require-permission";

export const metadata: Metadata = { title: "New AWS connector" };

export default function NewConnectorPage() {
  return (
    <RequirePermission
      permission="connector:edit"
      what="create connectors"
      back={{ label: "Back to connectors", path: "/connectors" }}
    >
      <ConnectorWizard />
    </RequirePermission>
  );
}
