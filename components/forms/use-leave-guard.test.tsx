import { render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { leavesPage, useLeaveGuard } from "./use-leave-guard";

const here = new URL("http://console.test/connectors/new?org=default&step=credentials");
const link = (href: string, attrs: Record<string, string> = {}) => {
  const a = document.createElement("a");
  a.href = new URL(href, here).href;
  for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v);
  return a;
};

describe("leavesPage", () => {
  it("is true for another page of the console", () => {
    expect(leavesPage(link("/connectors"), here)).toBe(true);
    expect(leavesPage(link("/connectors/new?org=other"), here)).toBe(true);
  });
  it("is false for the same page, another site, a new tab or a download", () => {
    expect(leavesPage(link("/connectors/new?org=default&step=credentials#x"), here)).toBe(false);
    expect(leavesPage(link("https://docs.aws.amazon.com/"), here)).toBe(false);
    expect(leavesPage(link("/connectors", { target: "_blank" }), here)).toBe(false);
    expect(leavesPage(link("/x.yaml", { download: "" }), here)).toBe(false);
  });
});

function Guarded({ when }: { when: boolean }) {
  useLeaveGuard(when, "Leave?");
  return <a href="/elsewhere">Elsewhere</a>;
}

describe("useLeaveGuard", () => {
  afterEach(() => vi.restoreAllMocks());

  it("asks before a link leaves, and stays when the user says no", () => {
    const confirm = vi.spyOn(window, "confirm").mockReturnValue(false);
    const { getByText } = render(<Guarded when />);
    const click = new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 });
    getByText("Elsewhere").dispatchEvent(click);
    expect(confirm).toHaveBeenCalledWith("Leave?");
    expect(click.defaultPrevented).toBe(true);
  });

  it("asks nothing without unsaved changes", () => {
    const confirm = vi.spyOn(window, "confirm");
    const { getByText } = render(<Guarded when={false} />);
    getByText("Elsewhere").addEventListener("click", (e) => e.preventDefault()); // jsdom cannot navigate
    const click = new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 });
    getByText("Elsewhere").dispatchEvent(click);
    expect(confirm).not.toHaveBeenCalled();
    const unload = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(false);
  });

  it("holds the page on unload while there are unsaved changes", () => {
    render(<Guarded when />);
    const unload = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);
  });
});
