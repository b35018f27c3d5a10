import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { draftKey, writeDraft } from "@/components/forms/drafts";
import { defaultConnectorInput } from "@/lib/connectors/defaults";
import type { ConnectorDto } from "@/lib/connectors/dto";
import { ConnectorWizard } from "./connector-wizard";

// The wizard reads the scope from the URL (useScope → useSearchParams); outside Next there is no
// router, so the App Router hooks are stood in for. Everything else is real.
vi.mock("next/navigation", () => ({
  useSearchParams: () => new URLSearchParams("org=default&project=web"),
  usePathname: () => "/connectors/new",
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), prefetch: vi.fn(), back: vi.fn(), refresh: vi.fn() }),
}));

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  localStorage.clear();
  // Later steps list secrets; answer every GET with an empty page. The overview step sends nothing.
  fetchMock.mockImplementation(async () =>
    Response.json({ items: [], nextCursor: null }, { headers: { "content-type": "application/json" } }),
  );
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

function renderWizard() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={client}>
      <ConnectorWizard />
    </QueryClientProvider>,
  );
  const nameBox = () => screen.getByRole("textbox", { name: /^Name/ });
  const identifierBox = () => screen.getByRole("textbox", { name: /^Identifier/ });
  const currentStep = () =>
    within(screen.getByRole("navigation", { name: "Connector setup steps" })).getByRole("listitem", {
      current: "step",
    });
  return { user, nameBox, identifierBox, currentStep };
}

const sentWrites = () => fetchMock.mock.calls.filter(([, init]) => (init?.method ?? "GET") !== "GET");

describe("ConnectorWizard, overview step", () => {
  it("starts on the overview step", () => {
    const { currentStep, nameBox, identifierBox } = renderWizard();

    expect(screen.getByRole("heading", { level: 2, name: "Name the connector" })).toBeInTheDocument();
    expect(currentStep()).toHaveTextContent("Overview");
    expect(nameBox()).toHaveValue("");
    expect(identifierBox()).toHaveValue("");
  });

  it("Next with an empty name shows the errors and stays on the step", async () => {
    const { user, nameBox, identifierBox, currentStep } = renderWizard();

    await user.click(screen.getByRole("button", { name: /^Next: Credentials/ }));

    expect(await screen.findByText("Name is required")).toHaveAttribute("role", "alert");
    expect(nameBox()).toHaveAttribute("aria-invalid", "true");
    expect(nameBox()).toHaveAccessibleDescription("Name is required");
    expect(nameBox()).toHaveFocus();
    expect(identifierBox()).toHaveAttribute("aria-invalid", "true");
    expect(identifierBox()).toHaveAccessibleDescription(expect.stringContaining("Identifier is required"));
    // Still on step 1.
    expect(screen.getByRole("heading", { level: 2, name: "Name the connector" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "How Conduit signs in to AWS" })).not.toBeInTheDocument();
    expect(currentStep()).toHaveTextContent("Overview");
    expect(screen.getByText("Step 1 of 6")).toBeInTheDocument();
    expect(sentWrites()).toEqual([]);
  });

  it("a whitespace-only name is still missing", async () => {
    const { user, nameBox } = renderWizard();

    await user.type(nameBox(), "   ");
    await user.click(screen.getByRole("button", { name: /^Next: Credentials/ }));

    expect(await screen.findByText("Name is required")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Name the connector" })).toBeInTheDocument();
  });

  it("derives the identifier from a name with spaces", async () => {
    const { user, nameBox, identifierBox } = renderWizard();

    await user.type(nameBox(), "Production us-east-1");

    expect(identifierBox()).toHaveValue("Production_us_east_1");
    await user.clear(nameBox());
    await user.type(nameBox(), "  2nd   AWS_ _account ");
    // Ends are trimmed, runs of other characters and of _ become one _, a leading digit gets a _.
    expect(identifierBox()).toHaveValue("_2nd_AWS_account");
  });

  it("clears the error as the name is typed, then advances", async () => {
    const { user, nameBox, identifierBox, currentStep } = renderWizard();
    await user.click(screen.getByRole("button", { name: /^Next: Credentials/ }));
    expect(await screen.findByText("Name is required")).toBeInTheDocument();

    await user.type(nameBox(), "Prod account");

    expect(screen.queryByText("Name is required")).not.toBeInTheDocument();
    expect(screen.queryByText("Identifier is required")).not.toBeInTheDocument();
    expect(nameBox()).toHaveAttribute("aria-invalid", "false");
    expect(identifierBox()).toHaveValue("Prod_account");

    await user.click(screen.getByRole("button", { name: /^Next: Credentials/ }));

    expect(await screen.findByRole("heading", { level: 2, name: "How Conduit signs in to AWS" })).toBeInTheDocument();
    expect(currentStep()).toHaveTextContent("Credentials");
    expect(screen.getByText("Step 2 of 6")).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: /^Name/ })).not.toBeInTheDocument();
    expect(sentWrites()).toEqual([]);
  });

  it("stops deriving once the identifier is typed in, and checks what was typed", async () => {
    const { user, nameBox, identifierBox } = renderWizard();

    await user.type(nameBox(), "Prod");
    await user.clear(identifierBox());
    await user.type(identifierBox(), "9prod");
    await user.type(nameBox(), " account");

    expect(identifierBox()).toHaveValue("9prod");
    // The hint no longer claims the identifier follows the name.
    expect(screen.queryByText(/Derived from the name/)).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /^Next: Credentials/ }));

    expect(await screen.findByText("Start with a letter or _, then letters, digits, _ or $")).toBeInTheDocument();
    expect(identifierBox()).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("heading", { level: 2, name: "Name the connector" })).toBeInTheDocument();
  });
});

describe("ConnectorWizard, drafts", () => {
  const key = draftKey("connector", { org: "default", project: "web" });

  it("restores a draft with a notice, and Discard clears it", async () => {
    const values = defaultConnectorInput();
    values.name = "Drafted";
    values.identifier = "Drafted";
    writeDraft(key, 2, {
      values,
      extra: { reached: 1, identifierTouched: false, delegateMode: "any" },
      createdSecrets: [],
    });
    const { user, nameBox, identifierBox } = renderWizard();

    const notice = (await screen.findByText(/Draft restored/)).closest("[role=status]") as HTMLElement;
    expect(notice).toHaveTextContent("Draft restored");
    expect(nameBox()).toHaveValue("Drafted");
    expect(identifierBox()).toHaveValue("Drafted");

    await user.click(within(notice).getByRole("button", { name: "Discard" }));
    expect(nameBox()).toHaveValue("");
    expect(screen.queryByText(/Draft restored/)).not.toBeInTheDocument();
    expect(localStorage.getItem(key)).toBeNull();
  });

  it("keeps what is typed as a draft", async () => {
    const { user, nameBox } = renderWizard();
    await user.type(nameBox(), "Typed");
    await vi.waitFor(() => expect(localStorage.getItem(key)).toContain('"name":"Typed"'));
  });
});

describe("ConnectorWizard, editing", () => {
  it("a save keeps the connector's intended uses (Conduit's own fields travel with the form)", async () => {
    const input = defaultConnectorInput();
    const connector: ConnectorDto = {
      connector: {
        ...input,
        name: "Prod",
        identifier: "prod",
        spec: { ...input.spec, credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" } },
        orgIdentifier: "default",
        projectIdentifier: "web",
        type: "Aws",
        conduit: { usages: [{ id: "ecr-pull", resources: { repository: ["team/web"] } }] },
      },
      scope: "project",
      version: 3,
      createdAt: "2026-11-30T00:00:00.000Z",
      updatedAt: "2026-11-30T00:00:00.000Z",
      lastTestStatus: "SUCCESS",
      lastTestedAt: null,
    } as ConnectorDto;
    fetchMock.mockImplementation(async (_url, init) =>
      (init?.method ?? "GET") === "PUT"
        ? Response.json({ ...connector, version: 4 }, { headers: { "content-type": "application/json" } })
        : Response.json({ items: [], nextCursor: null }, { headers: { "content-type": "application/json" } }),
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={client}>
        <ConnectorWizard connector={connector} />
      </QueryClientProvider>,
    );
    await user.clear(screen.getByRole("textbox", { name: /^Name/ }));
    await user.type(screen.getByRole("textbox", { name: /^Name/ }), "Production");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    await vi.waitFor(() => expect(sentWrites()).toHaveLength(1));
    const body = JSON.parse(String(sentWrites()[0]![1]!.body));
    expect(body.name).toBe("Production");
    expect(body.conduit).toEqual({ usages: [{ id: "ecr-pull", resources: { repository: ["team/web"] } }] });
  });
});
