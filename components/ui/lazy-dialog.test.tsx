import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { LazyDialog } from "./lazy-dialog";

describe("LazyDialog", () => {
  it("renders nothing until first opened, then the dialog; closing keeps it mounted", async () => {
    const onOpenChange = vi.fn();
    const dialog = (open: boolean) => (
      <LazyDialog open={open} onOpenChange={onOpenChange} title="Discard the draft?">
        <p>Body</p>
      </LazyDialog>
    );
    const { rerender } = render(dialog(false));
    expect(screen.queryByRole("dialog")).toBeNull();

    rerender(dialog(true));
    expect(await screen.findByRole("dialog", { name: "Discard the draft?" })).toHaveTextContent("Body");

    rerender(dialog(false));
    expect(screen.queryByRole("dialog")).toBeNull();
    rerender(dialog(true));
    // Already loaded: open again at once.
    expect(screen.getByRole("dialog", { name: "Discard the draft?" })).toBeInTheDocument();
  });
});
