"use client";
// Deleting an agent: refused (with every cluster named) while clusters still use it.
import { DeleteDialog } from "@/components/lists/delete-dialog";
import type { GitopsAgentDto } from "@/lib/gitops/dto";
import { useDeleteGitops } from "@/lib/gitops/hooks";
import type { ScopeRef } from "@/lib/scope";

export function AgentDeleteDialog({
  scope,
  target,
  onClose,
  onDeleted,
}: {
  scope: ScopeRef;
  /** The agent to delete; null while the dialog is closed. */
  target: GitopsAgentDto | null;
  onClose: () => void;
  onDeleted: (a: GitopsAgentDto) => void;
}) {
  const remove = useDeleteGitops(scope, "agents");
  return (
    <DeleteDialog
      target={target}
      type="GitopsAgent"
      title={(a) => `Delete agent ${a.agent.name}?`}
      description={(a) =>
        a.clusterCount > 0
          ? `${a.clusterCount} cluster(s) still use this agent; Conduit will refuse until they are deleted.`
          : "Conduit forgets this agent. Nothing changes in the management cluster."
      }
      confirmLabel="Delete agent"
      mutation={remove}
      variables={(a) => a.agent.identifier}
      onClose={onClose}
      onDeleted={onDeleted}
    />
  );
}
