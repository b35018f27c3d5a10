import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { RuntimeInputDialog } from "./runtime-input-editor";

/** The dialog as MultiTypeInput uses it: opened by a button, saving closes it and keeps the text. */
function renderDialog(initial: string) {
  const onSave = vi.fn<(text: string) => void>();
  function Harness() {
    const [open, setOpen] = useState(false);
    const [value, setValue] = useState(initial);
    return (
      <>
        <p>
          Stored: <code>{value}</code>
        </p>
        <button type="button" onClick={() => setOpen(true)}>
          Edit runtime input
        </button>
        <RuntimeInputDialog
          open={open}
          onOpenChange={setOpen}
          fieldLabel="Namespace"
          value={value}
          onSave={(text) => {
            onSave(text);
            setValue(text);
            setOpen(false);
          }}
        />
      </>
    );
  }
  const user = userEvent.setup();
  render(<Harness />);
  const open = async () => {
    await user.click(screen.getByRole("button", { name: "Edit runtime input" }));
    return screen.findByRole("dialog", { name: "Runtime input: Namespace" });
  };
  const stored = () => screen.getByText(/^Stored:/).querySelector("code")!.textContent;
  return { user, onSave, open, stored };
}

describe("RuntimeInputDialog", () => {
  it("saves a default and allowed values as the canonical string", async () => {
    const { user, onSave, open, stored } = renderDialog("<+input>");
    const dialog = await open();

    await user.type(within(dialog).getByRole("textbox", { name: /Default value/ }), "dev");
    await user.click(within(dialog).getByRole("radio", { name: "Allowed values" }));
    const allowed = within(dialog).getByRole("textbox", { name: "Allowed value" });
    await user.type(allowed, "dev");
    await user.click(within(dialog).getByRole("button", { name: "Add" }));
    // Enter adds too; a value with a comma is written quoted (\'…\').
    await user.type(allowed, "qa,staging{Enter}");

    const list = within(dialog).getByRole("list", { name: "Allowed values" });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.firstElementChild?.textContent),
    ).toEqual(["dev", "qa,staging"]);
    expect(allowed).toHaveValue("");
    expect(within(dialog).getByText("<+input>.default(dev).allowedValues(dev,\\'qa,staging\\')")).toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith("<+input>.default(dev).allowedValues(dev,\\'qa,staging\\')");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(stored()).toBe("<+input>.default(dev).allowedValues(dev,\\'qa,staging\\')");
  });

  it("opens on the stored input and writes the options in canonical order", async () => {
    const { user, onSave, open } = renderDialog("<+input>.executionInput().allowedValues(b,a)");
    const dialog = await open();

    expect(within(dialog).getByRole("radio", { name: "Allowed values" })).toBeChecked();
    expect(within(dialog).getByRole("checkbox", { name: "Ask at execution time" })).toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Remove allowed value b" }));
    await user.type(within(dialog).getByRole("textbox", { name: /Default value/ }), "a");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(onSave).toHaveBeenCalledWith("<+input>.default(a).allowedValues(a).executionInput()");
  });

  it("refuses a default that is not one of the allowed values", async () => {
    const { user, onSave, open, stored } = renderDialog("<+input>.allowedValues(dev,qa)");
    const dialog = await open();

    await user.type(within(dialog).getByRole("textbox", { name: /Default value/ }), "prod");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(within(dialog).getByRole("alert")).toHaveTextContent("The default must be one of the allowed values.");
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole("dialog", { name: "Runtime input: Namespace" })).toBeInTheDocument();
    expect(stored()).toBe("<+input>.allowedValues(dev,qa)");

    // Fixing the default clears the message and saves.
    const field = within(dialog).getByRole("textbox", { name: /Default value/ });
    await user.clear(field);
    await user.type(field, "qa");
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(onSave).toHaveBeenCalledWith("<+input>.default(qa).allowedValues(dev,qa)");
  });

  it("refuses an empty allowed-values list", async () => {
    const { user, onSave, open } = renderDialog("<+input>");
    const dialog = await open();

    await user.click(within(dialog).getByRole("radio", { name: "Allowed values" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(within(dialog).getByRole("alert")).toHaveTextContent("Add at least one allowed value");
    expect(onSave).not.toHaveBeenCalled();
  });

  it("Escape closes without saving, and the next opening starts from the stored value", async () => {
    const { user, onSave, open, stored } = renderDialog("<+input>.default(dev)");
    let dialog = await open();
    const field = within(dialog).getByRole("textbox", { name: /Default value/ });
    expect(field).toHaveValue("dev");

    await user.clear(field);
    await user.type(field, "prod");
    await user.keyboard("{Escape}");

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
    expect(stored()).toBe("<+input>.default(dev)");

    dialog = await open();
    expect(within(dialog).getByRole("textbox", { name: /Default value/ })).toHaveValue("dev");
  });

  it("Cancel closes without saving", async () => {
    const { user, onSave, open, stored } = renderDialog("<+input>.default(dev)");
    const dialog = await open();

    await user.click(within(dialog).getByRole("radio", { name: "Regular expression" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Regular expression" }), "^d.*$");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
    expect(stored()).toBe("<+input>.default(dev)");
  });
});
