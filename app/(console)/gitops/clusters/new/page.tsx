import type { Metadata } from "next";
import { NewCluster } from "../../_components/cluster-pages";

export const metadata: Metadata = { title: "New GitOps cluster" };

export default function NewClusterPage() {
  return <NewCluster />;
}
