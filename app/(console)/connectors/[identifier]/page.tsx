import type { Metadata } from "next";
import { ConnectorDetails } from "../_components/connector-details";

export async function generateMetadata({ params }: { params: Promise<{ identifier: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).identifier) };
}

export default async function ConnectorPage({ params }: { params: Promise<{ identifier: string }> }) {
  const { identifier } = await params;
  return <ConnectorDetails identifier={decodeURIComponent(identifier)} />;
}
