import type { Metadata } from "next";
import { InfrastructureList } from "./_components/infrastructure-list";

export const metadata: Metadata = { title: "Infrastructure" };

export default function InfrastructuresPage() {
  return <InfrastructureList />;
}
