import type { Metadata } from "next";
import { EditInfrastructure } from "../../_components/edit-infrastructure";

export async function generateMetadata({ params }: { params: Promise<{ identifier: string }> }): Promise<Metadata> {
  return { title: `Edit ${decodeURIComponent((await params).identifier)}` };
}

export default async function EditInfrastructurePage({ params }: { params: Promise<{ identifier: string }> }) {
  const { identifier } = await params;
  return <EditInfrastructure identifier={decodeURIComponent(identifier)} />;
}
