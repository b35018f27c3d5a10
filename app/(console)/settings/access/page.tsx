import type { Metadata } from "next";
import { AccessView } from "./_components/access-view";

export const metadata: Metadata = { title: "Access control" };

export default function AccessPage() {
  return <AccessView />;
}
