import type { Metadata } from "next";
import { ClusterDetails } from "../../_components/cluster-details";

export async function generateMetadata({ params }: { params: Promise<{ identifier: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).identifier) };
}

export default async function ClusterPage({ params }: { params: Promise<{ identifier: string }> }) {
  const { identifier } = await params;
  return <ClusterDetails identifier={decodeURIComponent(identifier)} />;
}
