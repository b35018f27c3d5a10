import type { Metadata } from "next";
import { MyTokens } from "./_components/my-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default function TokensPage() {
  return <MyTokens />;
}
