import type { Metadata } from "next";
import { ConnectorWizard } from "@/components/connectors/connector-wizard";

export const metadata: Metadata = { title: "New AWS connector" };

export default function NewConnectorPage() {
  return <ConnectorWizard />;
}
