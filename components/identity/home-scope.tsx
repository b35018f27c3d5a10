"use client";
// Someone whose roles are all inside an organization or a project has nothing to see at account
// scope: a scoped page opened without `?org=` moves to the first scope they have a role in,
// instead of greeting them with "You need connector:view in the account".
import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { useScope } from "@/lib/scopes/hooks";
import { useMe } from "./hooks";

const SCOPED_PAGES = ["/connectors", "/environments", "/infrastructures", "/gitops", "/secrets", "/audit"];

export function HomeScope() {
  const scope = useScope();
  const pathname = usePathname();
  const router = useRouter();
  const me = useMe({});
  useEffect(() => {
    if (scope.org || !me.data || !SCOPED_PAGES.includes(pathname)) return;
    const grants = me.data.grants;
    if (!grants.length || grants.some((g) => !g.orgIdentifier)) return;
    const first = grants[0]!;
    router.replace(scope.href(pathname, { org: first.orgIdentifier, project: first.projectIdentifier || undefined }));
  }, [scope, pathname, me.data, router]);
  return null;
}
