import { QueryClient, QueryClientProvider, useMutation } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiFetch } from "@/lib/http/client";
import { DeleteDialog } from "./delete-dialog";

interface Secret {
  identifier: string;
  name: string;
}
const SECRET: Secret = { identifier: "aws_key", name: "AWS key" };

function SecretRow({ onDeleted }: { onDeleted: (s: Secret) => void }) {
  const [deleting, setDeleting] = useState<Secret | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/secrets/${id}`, { method: "DELETE" }),
  });
  return (
    <>
      <button onClick={() => setDeleting(SECRET)}>Delete {SECRET.name}</button>
      <DeleteDialog
        target={deleting}
        type="Secret"
        title={(s) => `Delete secret ${s.name}?`}
        description={() => "The encrypted value is destroyed."}
        confirmLabel="Delete secret"
        mutation={remove}
        variables={(s) => s.identifier}
        onClose={() => setDeleting(null)}
        onDeleted={onDeleted}
      />
    </>
  );
}

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => vi.stubGlobal("fetch", fetchMock));
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

const ref = (over: Record<string, unknown>) => ({ orgIdentifier: "default", projectIdentifier: "web", ...over });
const inUse = () =>
  new Response(
    JSON.stringify({
      type: "about:blank",
      title: "Still in use",
      status: 409,
      code: "IN_USE",
      detail:
        'Secret "aws_key" is still used by connector "prod" (project "web" in org "default"); change or delete them first',
      extra: {
        references: [
          ref({ type: "Connector", identifier: "prod", name: "Prod AWS", field: "secretKeyRef" }),
          // The same connector from a second field is listed once.
          ref({ type: "Connector", identifier: "prod", name: "Prod AWS", field: "sessionTokenRef" }),
          ref({
            type: "GitopsCluster",
            identifier: "edge",
            name: "Edge",
            orgIdentifier: null,
            projectIdentifier: null,
          }),
        ],
      },
    }),
    { status: 409, headers: { "content-type": "application/problem+json" } },
  );

function renderRow(onDeleted = vi.fn()) {
  const user = userEvent.setup();
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SecretRow onDeleted={onDeleted} />
    </QueryClientProvider>,
  );
  return { user, onDeleted, open: () => user.click(screen.getByRole("button", { name: "Delete AWS key" })) };
}

describe("DeleteDialog", () => {
  it("shows a 409 IN_USE's detail and lists every referrer once, and forgets it when reopened", async () => {
    fetchMock.mockResolvedValueOnce(inUse());
    const { user, open, onDeleted } = renderRow();
    await open();
    const dialog = screen.getByRole("alertdialog", { name: "Delete secret AWS key?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete secret" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent('is still used by connector "prod"');
    const list = within(dialog).getByRole("list", { name: "Items using this secret" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((i) => i.textContent)).toEqual([
      'Prod AWSprod· connector, project "web" in org "default"',
      "Edgeedge· GitOps cluster, the account",
    ]);
    expect(within(dialog).getByText("Used by 2 items")).toBeInTheDocument();
    expect(onDeleted).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await open();
    expect(within(screen.getByRole("alertdialog")).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("deletes, closes and reports the deleted item", async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    const { user, open, onDeleted } = renderRow();
    await open();
    await user.click(screen.getByRole("button", { name: "Delete secret" }));

    expect(fetchMock).toHaveBeenCalledWith("/api/secrets/aws_key", expect.objectContaining({ method: "DELETE" }));
    expect(onDeleted).toHaveBeenCalledWith(SECRET);
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  });
});
