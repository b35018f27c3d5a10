import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SetPasswordView } from "./set-password-form";

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => vi.stubGlobal("fetch", fetchMock));
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

async function submit(token = "reset-token") {
  const user = userEvent.setup();
  const navigate = vi.fn();
  render(<SetPasswordView token={token} navigate={navigate} />);
  await user.type(screen.getByLabelText(/^New password/, { selector: "input" }), "a-brand-new-password");
  await user.type(screen.getByLabelText(/^Confirm new password/, { selector: "input" }), "a-brand-new-password");
  await user.click(screen.getByRole("button", { name: "Set password" }));
  return { navigate };
}

describe("SetPasswordView", () => {
  it("sets the password with the link's token, then goes to sign-in with a notice", async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ status: true }), { headers: { "content-type": "application/json" } }),
    );
    const { navigate } = await submit();
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith("/sign-in?notice=password-set"));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/auth/reset-password");
    expect(JSON.parse(String(init?.body))).toEqual({ newPassword: "a-brand-new-password", token: "reset-token" });
  });

  it("explains a used or expired link instead of the form", async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(
        JSON.stringify({
          type: "about:blank",
          title: "Bad",
          status: 400,
          code: "BAD_REQUEST",
          detail: "Invalid token",
        }),
        { status: 400, headers: { "content-type": "application/problem+json" } },
      ),
    );
    const { navigate } = await submit();
    expect(await screen.findByRole("heading", { name: "This set-password link does not work" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("This set-password link cannot be used.");
    expect(navigate).not.toHaveBeenCalled();
  });

  it("shows no form without a token", () => {
    render(<SetPasswordView token="" />);
    expect(screen.getByRole("heading", { name: "This set-password link does not work" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Set password" })).not.toBeInTheDocument();
  });
});
