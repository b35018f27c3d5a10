import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SignInForm } from "./sign-in-form";

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => vi.stubGlobal("fetch", fetchMock));
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

const problem = (status: number, detail: string, code = "UNAUTHENTICATED") =>
  new Response(JSON.stringify({ type: "about:blank", title: "Refused", status, code, detail }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
const ok = () =>
  new Response(JSON.stringify({ redirect: false, user: { id: "u1" } }), {
    status: 200,
    headers: { "content-type": "application/json" },
  });

async function signIn(next?: string, sso?: { name: string }) {
  const user = userEvent.setup();
  const navigate = vi.fn();
  render(<SignInForm next={next} sso={sso ?? null} navigate={navigate} />);
  await user.type(screen.getByLabelText("Email"), "ada@example.com");
  await user.type(screen.getByLabelText("Password", { selector: "input" }), "correct-horse-battery");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  return { user, navigate };
}

describe("SignInForm", () => {
  it("posts the email and password, then goes to `next`", async () => {
    fetchMock.mockResolvedValueOnce(ok());
    const { navigate } = await signIn("/secrets?org=default&project=web");
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/auth/sign-in/email");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual({ email: "ada@example.com", password: "correct-horse-battery" });
    expect(navigate).toHaveBeenCalledWith("/secrets?org=default&project=web");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it.each([
    ["another origin", "https://evil.example/connectors"],
    ["a protocol-relative URL", "//evil.example/connectors"],
    ["a backslash trick", "/\\evil.example"],
    ["a script URL", "javascript:alert(1)"],
    ["the sign-in page itself", "/sign-in?next=/secrets"],
    ["a tab that browsers strip", "/\t/evil.example"],
  ])("goes to /connectors instead of %s", async (_what, next) => {
    fetchMock.mockResolvedValueOnce(ok());
    const { navigate } = await signIn(next);
    expect(navigate).toHaveBeenCalledWith("/connectors");
  });

  it("says only that the pair is wrong on a 401, and stays on the page", async () => {
    fetchMock.mockResolvedValueOnce(problem(401, "Invalid email or password"));
    const { navigate } = await signIn("/secrets");
    expect(await screen.findByRole("alert")).toHaveTextContent("Email or password is not right");
    expect(navigate).not.toHaveBeenCalled();
    // The password box takes focus again, ready for another try.
    expect(screen.getByLabelText("Password", { selector: "input" })).toHaveFocus();
  });

  it("shows the server's own words for other refusals (too many attempts, a disabled user)", async () => {
    fetchMock.mockResolvedValueOnce(problem(429, "Too many failed sign-ins; try again in 15 minutes", "RATE_LIMITED"));
    const { user, navigate } = await signIn();
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many failed sign-ins; try again in 15 minutes");

    fetchMock.mockResolvedValueOnce(problem(403, "This user is disabled; ask an Account Admin.", "FORBIDDEN"));
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This user is disabled; ask an Account Admin.");
    expect(navigate).not.toHaveBeenCalled();
  });

  it("asks for both fields before calling the server", async () => {
    const user = userEvent.setup();
    render(<SignInForm navigate={vi.fn()} />);
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter your email")).toBeInTheDocument();
    expect(screen.getByText("Enter your password")).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("offers single sign-on when configured and follows the provider's address", async () => {
    const user = userEvent.setup();
    const navigate = vi.fn();
    render(<SignInForm next="/audit" sso={{ name: "Okta" }} navigate={navigate} />);
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ url: "https://idp.example/authorize?x=1", redirect: true }), {
        headers: { "content-type": "application/json" },
      }),
    );
    await user.click(screen.getByRole("button", { name: "Sign in with Okta" }));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/auth/sign-in/social");
    expect(JSON.parse(String(init?.body))).toMatchObject({ provider: "sso", callbackURL: "/audit" });
    expect(navigate).toHaveBeenCalledWith("https://idp.example/authorize?x=1");
  });

  it("has no single sign-on button when none is configured", () => {
    render(<SignInForm navigate={vi.fn()} />);
    expect(screen.queryByRole("button", { name: /Sign in with/ })).not.toBeInTheDocument();
  });
});
