"use client";
import { useState } from "react";
import { useTokens, type TokenOwner } from "@/components/identity/hooks";
import { NewTokenDialog, RevokeTokenDialog, TokenTable } from "@/components/identity/tokens";
import { ListResults, Notice } from "@/components/lists/list-results";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/misc";
import type { TokenDto } from "@/lib/auth/schemas";

const ME: TokenOwner = { kind: "me" };

export function MyTokens() {
  const tokens = useTokens(ME);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<TokenDto | null>(null);
  const [notice, setNotice] = useState<string>();
  const items = tokens.data ?? [];
  const newButton = (
    <Button
      variant="primary"
      onClick={() => {
        setNotice(undefined);
        setCreating(true);
      }}
    >
      New token
    </Button>
  );
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Personal tokens let scripts and CI call Conduit's API as you, with your roles. Prefer a service account for anything shared or long-lived."
        actions={items.length > 0 ? newButton : undefined}
      />
      <Notice>{notice}</Notice>
      <ListResults
        query={tokens}
        count={items.length}
        loading="Loading your tokens…"
        icon="key"
        empty={{
          title: "No API tokens yet",
          action: newButton,
          children: (
            <>
              A token lets a script call Conduit&apos;s API as you: send it as{" "}
              <code className="font-mono">Authorization: Bearer cdt_…</code>. You see its value once, when you create
              it.
            </>
          ),
        }}
      >
        <TokenTable items={items} caption="Your API tokens" onRevoke={setRevoking} />
      </ListResults>
      <NewTokenDialog
        open={creating}
        onOpenChange={setCreating}
        owner={ME}
        description="It acts as you, with your roles, until it expires or you revoke it."
        onCreated={(c) => setNotice(`Created token ${c.item.name}.`)}
      />
      <RevokeTokenDialog
        owner={ME}
        target={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(t) => setNotice(`Revoked token ${t.name}. Anything using it is refused from now on.`)}
      />
    </>
  );
}
