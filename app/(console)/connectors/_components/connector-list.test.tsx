import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MeDto } from "@/lib/auth/schemas";
import { ROLES } from "@/lib/access/permissions";
import type { ConnectorDto } from "@/lib/connectors/dto";
import { ConnectorList } from "./connector-list";

vi.mock("next/navigation", () => ({
  useSearchParams: () => new URLSearchParams("org=default&project=web"),
  usePathname: () => "/connectors",
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), prefetch: vi.fn(), back: vi.fn(), refresh: vi.fn() }),
}));

const CONNECTOR = {
  connector: {
    identifier: "prod",
    name: "Prod AWS",
    description: "",
    tags: {},
    orgIdentifier: "default",
    projectIdentifier: "web",
    type: "Aws",
    spec: { credential: { type: "ManualConfig", region: "us-east-1" } },
  },
  scope: "project",
  version: 1,
  createdAt: "2025-10-01T00:00:00.000Z",
  updatedAt: "2025-10-01T00:00:00.000Z",
  lastTestStatus: "UNKNOWN",
  lastTestedAt: null,
} as unknown as ConnectorDto;

const me = (role: keyof typeof ROLES): MeDto => ({
  id: "u1",
  kind: "user",
  name: "Ada",
  email: "ada@example.com",
  permissions: [...ROLES[role].permissions],
  grants: [{ role, orgIdentifier: "default", projectIdentifier: "web" }],
});

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => vi.stubGlobal("fetch", fetchMock));
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

/** Answers the connector list at once, and /api/me when `answerMe` resolves. */
function serve(answerMe: Promise<MeDto>) {
  fetchMock.mockImplementation(async (input) => {
    const url = String(input);
    if (url.startsWith("/api/me?")) {
      expect(url).toBe("/api/me?org=default&project=web");
      return json(await answerMe);
    }
    if (url.startsWith("/api/connectors?")) return json({ items: [CONNECTOR], nextCursor: null });
    throw new Error(`unexpected call ${url}`);
  });
}

function renderList() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ConnectorList />
    </QueryClientProvider>,
  );
}

describe("ConnectorList permissions", () => {
  it("has no New connector for a Viewer, and Delete says why it is unavailable", async () => {
    serve(Promise.resolve(me("viewer")));
    renderList();
    const del = await screen.findByRole("button", { name: "Delete connector Prod AWS" });
    await vi.waitFor(() => expect(del).toHaveAccessibleDescription(/^You need connector:delete here/));
    expect(del).toHaveAttribute("aria-disabled", "true");
    expect(screen.queryByRole("link", { name: "New connector" })).not.toBeInTheDocument();
    expect(screen.queryByText("New connector")).not.toBeInTheDocument();
  });

  it("offers New connector and Delete to an Editor", async () => {
    serve(Promise.resolve(me("editor")));
    renderList();
    const link = await screen.findByRole("link", { name: "New connector" });
    expect(link).toHaveAttribute("href", "/connectors/new?org=default&project=web");
    const del = screen.getByRole("button", { name: "Delete connector Prod AWS" });
    expect(del).not.toHaveAttribute("aria-disabled");
    expect(del).not.toHaveAccessibleDescription();
  });

  it("shows nothing that could disappear while /api/me is still loading", async () => {
    let answer!: (m: MeDto) => void;
    serve(new Promise<MeDto>((r) => (answer = r)));
    renderList();
    const del = await screen.findByRole("button", { name: "Delete connector Prod AWS" });
    expect(del).toHaveAttribute("aria-disabled", "true");
    expect(del).toHaveAccessibleDescription("Checking your permissions…");
    expect(screen.queryByRole("link", { name: "New connector" })).not.toBeInTheDocument();

    answer(me("editor"));
    expect(await screen.findByRole("link", { name: "New connector" })).toBeInTheDocument();
    // The same button, now available (a keyboard user focused on it keeps their place).
    expect(del).toBeInTheDocument();
    expect(del).not.toHaveAttribute("aria-disabled");
  });
});
