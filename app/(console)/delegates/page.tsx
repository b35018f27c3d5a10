import type { Metadata } from "next";
import { DelegatesPage } from "@/components/delegates/delegates-page";

export const metadata: Metadata = { title: "Delegates" };

export default function Page() {
  return <DelegatesPage />;
}
