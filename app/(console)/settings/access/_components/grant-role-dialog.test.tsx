import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ROLES } from "@/lib/access/permissions";
import type { MeDto, RoleBindingDto, UserDto } from "@/lib/auth/schemas";
import { GrantRoleDialog } from "./grant-role-dialog";

vi.mock("next/navigation", () => ({
  useSearchParams: () => new URLSearchParams("org=default&project=web"),
  usePathname: () => "/settings/access",
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), prefetch: vi.fn(), back: vi.fn(), refresh: vi.fn() }),
}));

const user = (id: string, name: string, email: string): UserDto => ({
  id,
  name,
  email,
  disabled: false,
  hasPassword: true,
  sso: false,
  createdAt: "2025-10-01T00:00:00.000Z",
});
const ADA = user("u-ada", "Ada Lovelace", "ada@example.com");
const BOB = user("u-bob", "Bob Builder", "bob@example.com");

/** A Project Admin of default/web: may grant Project Admin, Editor and Viewer there. */
const ME: MeDto = {
  id: "u-me",
  kind: "user",
  name: "Me",
  email: "me@example.com",
  permissions: [...ROLES.project_admin.permissions],
  grants: [{ role: "project_admin", orgIdentifier: "default", projectIdentifier: "web" }],
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  fetchMock.mockImplementation(async (input, init) => {
    const url = new URL(String(input), "http://x");
    if (url.pathname === "/api/me") return json(ME);
    if (url.pathname === "/api/service-accounts") return json({ items: [] });
    if (url.pathname === "/api/users") {
      const q = url.searchParams.get("q") ?? "";
      return json({ items: [ADA, BOB].filter((u) => !q || u.email.includes(q) || u.name.includes(q)) });
    }
    if (url.pathname === "/api/role-bindings" && init?.method === "POST") {
      const body = JSON.parse(String(init.body));
      return json(
        {
          id: "b1",
          role: body.role,
          roleName: ROLES[body.role as keyof typeof ROLES].name,
          orgIdentifier: "default",
          projectIdentifier: "web",
          principal: { kind: "user", id: body.principal.id, name: "Bob Builder", detail: "bob@example.com" },
          createdAt: "2025-10-01T00:00:00.000Z",
          createdBy: "me@example.com",
        } satisfies RoleBindingDto,
        201,
      );
    }
    throw new Error(`unexpected ${init?.method ?? "GET"} ${url}`);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

describe("GrantRoleDialog", () => {
  it("offers only roles bindable here and held by the caller, finds a user, and grants the role", async () => {
    const u = userEvent.setup();
    const onGranted = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <GrantRoleDialog open onOpenChange={vi.fn()} scope={{ org: "default", project: "web" }} onGranted={onGranted} />
      </QueryClientProvider>,
    );
    const dialog = within(screen.getByRole("dialog", { name: "Grant role" }));
    const roles = within(dialog.getByRole("group", { name: "Role" }));
    // Account and Org Admin cannot be bound in a project; the rest are all the caller's to give.
    expect(roles.queryByRole("radio", { name: "Account Admin" })).not.toBeInTheDocument();
    expect(roles.queryByRole("radio", { name: "Org Admin" })).not.toBeInTheDocument();
    expect(await roles.findByRole("radio", { name: "Editor" })).toHaveAccessibleDescription(ROLES.editor.description);
    await vi.waitFor(() => expect(roles.getByRole("radio", { name: "Project Admin" })).toBeEnabled());

    await u.click(roles.getByRole("radio", { name: "Editor" }));
    await u.type(dialog.getByRole("searchbox", { name: "Find a user" }), "bob");
    await vi.waitFor(() => expect(dialog.queryByRole("radio", { name: /Ada Lovelace/ })).not.toBeInTheDocument());
    await u.click(dialog.getByRole("radio", { name: /Bob Builder/ }));
    await u.click(dialog.getByRole("button", { name: "Grant role" }));

    await vi.waitFor(() => expect(onGranted).toHaveBeenCalled());
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === "POST")!;
    expect(String(post[0])).toBe("/api/role-bindings?org=default&project=web");
    expect(JSON.parse(String(post[1]?.body))).toEqual({ role: "editor", principal: { kind: "user", id: "u-bob" } });
  });

  it("asks for a role and a principal before sending", async () => {
    const u = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <GrantRoleDialog open onOpenChange={vi.fn()} scope={{ org: "default", project: "web" }} onGranted={vi.fn()} />
      </QueryClientProvider>,
    );
    await u.click(screen.getByRole("button", { name: "Grant role" }));
    expect(await screen.findByText("Choose a role")).toBeInTheDocument();
    expect(screen.getByText("Choose who gets the role")).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === "POST")).toBe(false);
  });
});
