"use client";
// The label/value rows of the GitOps details pages' overview cards.
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/misc";

export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-all">{children}</dd>
    </>
  );
}

/** A "Tags" row, when there are tags. */
export function TagsRow({ tags }: { tags: Record<string, string> }) {
  if (!Object.keys(tags).length) return null;
  return (
    <Row label="Tags">
      <span className="flex flex-wrap gap-1">
        {Object.entries(tags).map(([k, v]) => (
          <Badge key={k}>{v ? `${k}:${v}` : k}</Badge>
        ))}
      </span>
    </Row>
  );
}
