import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { Combobox } from "./combobox";
import { Dialog } from "./dialog";

function ClusterDialog() {
  const [open, setOpen] = useState(true);
  const [value, setValue] = useState("");
  return (
    <Dialog open={open} onOpenChange={setOpen} title="New GitOps agent">
      <label htmlFor="cluster">Management cluster</label>
      <Combobox
        id="cluster"
        value={value}
        onChange={setValue}
        listLabel="Clusters"
        options={[{ value: "us-east-1/prod" }, { value: "us-east-1/dev" }]}
      />
    </Dialog>
  );
}

describe("Escape closes the innermost layer", () => {
  it("closes an open combobox list first, then the dialog", async () => {
    const user = userEvent.setup();
    render(<ClusterDialog />);
    const box = screen.getByRole("combobox", { name: "Management cluster" });
    await user.click(box);
    expect(box).toHaveAttribute("aria-expanded", "true");
    await user.type(box, "prod");
    await user.keyboard("{Escape}");
    expect(box).toHaveAttribute("aria-expanded", "false");
    expect(screen.getByRole("dialog", { name: "New GitOps agent" })).toBeInTheDocument();
    expect(box).toHaveValue("prod");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog", { name: "New GitOps agent" })).not.toBeInTheDocument();
  });
});
