import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SetupView } from "./setup-form";

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => vi.stubGlobal("fetch", fetchMock));
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

const answer = (status: number, body: unknown, type = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
const problem = (status: number, code: string, detail: string) =>
  answer(status, { type: "about:blank", title: code, status, code, detail }, "application/problem+json");

async function fill(password = "a-long-admin-password", confirm = password) {
  const user = userEvent.setup();
  const navigate = vi.fn();
  render(<SetupView token="setup-token-0123456789" navigate={navigate} />);
  await user.type(screen.getByLabelText(/^Your name/), "Ada Admin");
  await user.type(screen.getByLabelText(/^Email/), "ada@example.com");
  await user.type(screen.getByLabelText(/^Password/, { selector: "input" }), password);
  await user.type(screen.getByLabelText(/^Confirm password/, { selector: "input" }), confirm);
  await user.click(screen.getByRole("button", { name: "Create admin and sign in" }));
  return { navigate };
}

describe("SetupView", () => {
  it("creates the first admin with the link's token, signs in with the same credentials, then opens the console", async () => {
    fetchMock.mockResolvedValueOnce(answer(201, { email: "ada@example.com" })).mockResolvedValueOnce(answer(200, {}));
    const { navigate } = await fill();
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith("/connectors"));
    const [setupUrl, setupInit] = fetchMock.mock.calls[0]!;
    const [signInUrl, signInInit] = fetchMock.mock.calls[1]!;
    expect(setupUrl).toBe("/api/setup");
    expect(JSON.parse(String(setupInit?.body))).toEqual({
      token: "setup-token-0123456789",
      name: "Ada Admin",
      email: "ada@example.com",
      password: "a-long-admin-password",
    });
    expect(signInUrl).toBe("/api/auth/sign-in/email");
    expect(JSON.parse(String(signInInit?.body))).toEqual({
      email: "ada@example.com",
      password: "a-long-admin-password",
    });
  });

  it("checks length and the confirmation before sending anything", async () => {
    await fill("short", "different");
    expect(await screen.findByText("At least 12 characters")).toBeInTheDocument();
    expect(screen.getByText("The passwords do not match")).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("explains a used or expired link", async () => {
    fetchMock.mockResolvedValueOnce(problem(404, "NOT_FOUND", "This setup link is not valid"));
    const { navigate } = await fill();
    expect(await screen.findByRole("heading", { name: "This setup link does not work" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("This link cannot create the first admin");
    expect(navigate).not.toHaveBeenCalled();
  });

  it("says Conduit is already set up on a 409", async () => {
    fetchMock.mockResolvedValueOnce(problem(409, "CONFLICT", "Conduit is already set up; sign in instead"));
    await fill();
    expect(await screen.findByRole("heading", { name: "Conduit is already set up" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/sign-in");
  });
});
