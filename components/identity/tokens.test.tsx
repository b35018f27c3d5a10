import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TokenDto } from "@/lib/auth/schemas";
import { NewTokenDialog } from "./tokens";

const SECRET = "cdt_8dK2mQ9vXr4TzL0pW7sN1bYc5HfJ3eGa";
const ITEM: TokenDto = {
  id: "tok_1",
  name: "GitHub Actions deploy",
  start: "cdt_8dK2mQ",
  expiresAt: "2026-01-01T00:00:00.000Z",
  lastUsedAt: null,
  revokedAt: null,
  createdAt: "2025-10-03T00:00:00.000Z",
  status: "active",
};

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => vi.stubGlobal("fetch", fetchMock));
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

function Page({ client }: { client: QueryClient }) {
  const [open, setOpen] = useState(false);
  return (
    <QueryClientProvider client={client}>
      <button onClick={() => setOpen(true)}>Open</button>
      <NewTokenDialog open={open} onOpenChange={setOpen} owner={{ kind: "me" }} />
    </QueryClientProvider>
  );
}

async function createToken() {
  const user = userEvent.setup();
  const client = new QueryClient();
  render(<Page client={client} />);
  fetchMock.mockResolvedValueOnce(
    new Response(JSON.stringify({ token: SECRET, item: ITEM }), {
      status: 201,
      headers: { "content-type": "application/json" },
    }),
  );
  await user.click(screen.getByRole("button", { name: "Open" }));
  const form = within(screen.getByRole("dialog", { name: "New API token" }));
  await user.type(form.getByLabelText(/^Name/), "GitHub Actions deploy");
  await user.selectOptions(form.getByLabelText("Expires after"), "30");
  await user.click(form.getByRole("button", { name: "Create token" }));
  return { user, client };
}

describe("NewTokenDialog", () => {
  it("sends the name and expiry, then shows the value once with a warning and a copy button", async () => {
    const { user } = await createToken();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/me/tokens");
    expect(JSON.parse(String(init?.body))).toEqual({ name: "GitHub Actions deploy", expiresInDays: 30 });

    const dialog = within(await screen.findByRole("dialog", { name: "Copy your new token" }));
    expect(dialog.getByText(/shown only this once/)).toBeInTheDocument();
    expect(dialog.getByLabelText("Your new token")).toHaveValue(SECRET);
    // How to use it, with the value in the command.
    expect(dialog.getByText(new RegExp(`Authorization: Bearer ${SECRET}`))).toBeInTheDocument();

    await user.click(dialog.getByRole("button", { name: "Copy token" }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(dialog.getByRole("button", { name: "Copy token" })).toHaveTextContent("Copied");
  });

  it("forgets the value when closed: reopening shows an empty form, and no cache holds it", async () => {
    const { user, client } = await createToken();
    const dialog = within(await screen.findByRole("dialog", { name: "Copy your new token" }));
    await user.click(dialog.getByRole("button", { name: "Done, I have copied it" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);

    await user.click(screen.getByRole("button", { name: "Open" }));
    const again = within(screen.getByRole("dialog", { name: "New API token" }));
    expect(again.getByLabelText(/^Name/)).toHaveValue("");
    expect(document.body).not.toHaveTextContent(SECRET);
    const cached = JSON.stringify([
      client
        .getMutationCache()
        .getAll()
        .map((m) => m.state),
      client
        .getQueryCache()
        .getAll()
        .map((q) => q.state.data),
    ]);
    expect(cached).not.toContain(SECRET);
  });

  it("keeps the form and shows the server's field error when the name is refused", async () => {
    const user = userEvent.setup();
    render(<Page client={new QueryClient()} />);
    fetchMock.mockResolvedValueOnce(
      new Response(
        JSON.stringify({
          type: "about:blank",
          title: "Invalid",
          status: 422,
          code: "VALIDATION_FAILED",
          detail: "The body is not valid",
          fieldErrors: { name: ["Too long"] },
        }),
        { status: 422, headers: { "content-type": "application/problem+json" } },
      ),
    );
    await user.click(screen.getByRole("button", { name: "Open" }));
    const form = within(screen.getByRole("dialog", { name: "New API token" }));
    await user.type(form.getByLabelText(/^Name/), "x");
    await user.click(form.getByRole("button", { name: "Create token" }));
    expect(await form.findByText("Too long")).toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Copy your new token" })).not.toBeInTheDocument();
  });
});
