import type { Metadata } from "next";
import { InfrastructureDetails } from "../_components/infrastructure-details";

export async function generateMetadata({ params }: { params: Promise<{ identifier: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).identifier) };
}

export default async function InfrastructurePage({ params }: { params: Promise<{ identifier: string }> }) {
  const { identifier } = await params;
  return <InfrastructureDetails identifier={decodeURIComponent(identifier)} />;
}
