import type { Metadata } from "next";
import { GitopsHome } from "./_components/gitops-home";

export const metadata: Metadata = { title: "GitOps clusters" };

export default function GitopsPage() {
  return <GitopsHome />;
}
