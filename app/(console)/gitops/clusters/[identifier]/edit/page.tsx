import type { Metadata } from "next";
import { EditCluster } from "../../../_components/cluster-pages";

export async function generateMetadata({ params }: { params: Promise<{ identifier: string }> }): Promise<Metadata> {
  return { title: `Edit ${decodeURIComponent((await params).identifier)}` };
}

export default async function EditClusterPage({ params }: { params: Promise<{ identifier: string }> }) {
  const { identifier } = await params;
  return <EditCluster identifier={decodeURIComponent(identifier)} />;
}
