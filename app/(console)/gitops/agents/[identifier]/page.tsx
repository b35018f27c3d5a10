import type { Metadata } from "next";
import { AgentDetails } from "../../_components/agent-details";

export async function generateMetadata({ params }: { params: Promise<{ identifier: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).identifier) };
}

export default async function AgentPage({ params }: { params: Promise<{ identifier: string }> }) {
  const { identifier } = await params;
  return <AgentDetails identifier={decodeURIComponent(identifier)} />;
}
