import type { Metadata } from "next";
import { NewInfrastructure } from "../_components/new-infrastructure";

export const metadata: Metadata = { title: "New infrastructure definition" };

export default function NewInfrastructurePage() {
  return <NewInfrastructure />;
}
