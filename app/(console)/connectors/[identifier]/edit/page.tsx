import type { Metadata } from "next";
import { EditConnector } from "../../_components/edit-connector";

export const metadata: Metadata = { title: "Edit AWS connector" };

export default async function EditConnectorPage({ params }: { params: Promise<{ identifier: string }> }) {
  const { identifier } = await params;
  return <EditConnector identifier={decodeURIComponent(identifier)} />;
}
