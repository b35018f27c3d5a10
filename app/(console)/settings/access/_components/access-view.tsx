"use client";
import { useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { describeScope } from "@/components/secrets/scope-label";
import { PageHeader } from "@/components/ui/misc";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { ScopeRef } from "@/lib/scope";
import { useScope } from "@/lib/scopes/hooks";
import { RoleBindings } from "./role-bindings";
import { ServiceAccounts } from "./service-accounts";
import { Users } from "./users";

type Tab = "bindings" | "service-accounts" | "users";

/** Access control for the scope in the URL; a new scope starts fresh (tabs, dialogs). */
export function AccessView() {
  const { org, project, level } = useScope();
  const scope: ScopeRef = { org, project };
  return (
    <>
      <PageHeader
        title="Access control"
        description={`Who may do what in ${describeScope(scope)}: role bindings, service accounts${level === "account" ? " and users" : ""}.`}
      />
      <AccessTabs key={`${org ?? ""}/${project ?? ""}`} scope={scope} atAccount={level === "account"} />
    </>
  );
}

function AccessTabs({ scope, atAccount }: { scope: ScopeRef; atAccount: boolean }) {
  const perms = usePermissions(scope);
  const [tab, setTab] = useState<Tab>("bindings");
  const showUsers = atAccount && perms.can("user:manage");
  return (
    <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)}>
      <TabsList aria-label="Access control">
        <TabsTrigger value="bindings">Role bindings</TabsTrigger>
        <TabsTrigger value="service-accounts">Service accounts</TabsTrigger>
        {showUsers && <TabsTrigger value="users">Users</TabsTrigger>}
      </TabsList>
      <TabsContent value="bindings">
        <RoleBindings scope={scope} perms={perms} />
      </TabsContent>
      <TabsContent value="service-accounts">
        <ServiceAccounts scope={scope} perms={perms} />
      </TabsContent>
      {showUsers && (
        <TabsContent value="users">
          <Users />
        </TabsContent>
      )}
    </Tabs>
  );
}
