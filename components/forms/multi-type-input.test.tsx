import { zodResolver } from "@hookform/resolvers/zod";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useForm, type UseFormReturn } from "react-hook-form";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { multiType } from "@/lib/runtime-input/zod";
import { MultiTypeInput } from "./multi-type-input";

const schema = z.object({
  namespace: multiType(
    z
      .string()
      .trim()
      .min(1, "Enter a namespace")
      .regex(/^[a-z0-9-]+$/, "Use lowercase letters, digits and dashes"),
  ),
});
type Values = z.input<typeof schema>;

/** A one-field form as the app builds them: react-hook-form, zod resolver, errors on submit. */
function renderField(namespace = "", onSubmit = vi.fn()) {
  const holder: { form?: UseFormReturn<Values, unknown, z.output<typeof schema>> } = {};
  function TestForm() {
    const form = useForm<Values, unknown, z.output<typeof schema>>({
      resolver: zodResolver(schema),
      defaultValues: { namespace },
      mode: "onSubmit",
    });
    holder.form = form;
    return (
      <form onSubmit={form.handleSubmit((v) => onSubmit(v))} noValidate>
        <MultiTypeInput control={form.control} name="namespace" label="Namespace" hint="Where the workload runs." />
        <button type="submit">Submit</button>
      </form>
    );
  }
  const user = userEvent.setup();
  render(<TestForm />);
  return { user, onSubmit, value: () => holder.form!.getValues("namespace") };
}

async function chooseKind(user: ReturnType<typeof userEvent.setup>, current: string, next: string) {
  await user.click(screen.getByRole("button", { name: `Value type for Namespace: ${current}` }));
  const menu = await screen.findByRole("menu", { name: "Value type for Namespace" });
  await user.click(within(menu).getByRole("menuitemradio", { name: next }));
}

describe("MultiTypeInput", () => {
  it("stores a typed fixed value in the form", async () => {
    const { user, onSubmit, value } = renderField();
    const input = screen.getByRole("textbox", { name: "Namespace" });

    await user.type(input, "team-a");

    expect(input).toHaveValue("team-a");
    expect(value()).toBe("team-a");
    await user.click(screen.getByRole("button", { name: "Submit" }));
    expect(onSubmit).toHaveBeenCalledWith({ namespace: "team-a" });
  });

  it("marks the current kind in the value-type menu", async () => {
    const { user } = renderField("team-a");

    await user.click(screen.getByRole("button", { name: "Value type for Namespace: Fixed" }));
    const menu = await screen.findByRole("menu", { name: "Value type for Namespace" });

    expect(within(menu).getByRole("menuitemradio", { name: "Fixed" })).toBeChecked();
    expect(within(menu).getByRole("menuitemradio", { name: "Runtime input" })).not.toBeChecked();
    expect(within(menu).getByRole("menuitemradio", { name: "Expression" })).not.toBeChecked();
  });

  it("switching to Runtime input stores <+input> and shows it read-only with an Edit button", async () => {
    const { user, value } = renderField("team-a");

    await chooseKind(user, "Fixed", "Runtime input");

    expect(value()).toBe("<+input>");
    const input = screen.getByRole("textbox", { name: "Namespace" });
    expect(input).toHaveValue("<+input>");
    expect(input).toHaveAttribute("readonly");
    expect(input).toHaveAccessibleDescription(expect.stringContaining("Asked for when the pipeline runs"));
    expect(screen.getByRole("button", { name: "Edit runtime input for Namespace" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Value type for Namespace: Runtime input" })).toBeInTheDocument();
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();

    // Typing into the read-only box changes nothing.
    await user.type(input, "x");
    expect(value()).toBe("<+input>");
  });

  it("going back from Runtime input to Fixed keeps the runtime input's default", async () => {
    const { user, value } = renderField("<+input>.default(team-b)");
    expect(screen.getByRole("textbox", { name: "Namespace" })).toHaveAttribute("readonly");

    await chooseKind(user, "Runtime input", "Fixed");

    expect(value()).toBe("team-b");
    const input = screen.getByRole("textbox", { name: "Namespace" });
    expect(input).toHaveValue("team-b");
    expect(input).not.toHaveAttribute("readonly");
  });

  it("edits the runtime input in its dialog and stores the canonical string", async () => {
    const { user, value } = renderField("<+input>");

    await user.click(screen.getByRole("button", { name: "Edit runtime input for Namespace" }));
    const dialog = await screen.findByRole("dialog", { name: "Runtime input: Namespace" });
    await user.type(within(dialog).getByRole("textbox", { name: /Default value/ }), "team-a");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(value()).toBe("<+input>.default(team-a)");
    expect(screen.getByRole("textbox", { name: "Namespace" })).toHaveValue("<+input>.default(team-a)");
  });

  it("wraps expression text typed without <+ when the field is left", async () => {
    const { user, value } = renderField("team-a");

    await chooseKind(user, "Fixed", "Expression");
    // A fixed value is not an expression: the box starts empty.
    const input = screen.getByRole("textbox", { name: "Namespace" });
    expect(input).toHaveValue("");
    expect(value()).toBe("");
    expect(screen.getByRole("button", { name: "Value type for Namespace: Expression" })).toBeInTheDocument();

    await user.type(input, "pipeline.variables.ns");
    expect(value()).toBe("pipeline.variables.ns");
    expect(input).toHaveAccessibleDescription(expect.stringContaining("this text is wrapped in <+ >"));

    await user.tab();

    expect(value()).toBe("<+pipeline.variables.ns>");
    expect(input).toHaveValue("<+pipeline.variables.ns>");
    expect(input).not.toHaveAccessibleDescription(expect.stringContaining("wrapped"));
    expect(screen.getByRole("button", { name: "Value type for Namespace: Expression" })).toBeInTheDocument();
  });

  it("leaves expression text that already holds <+ as typed", async () => {
    const { user, value } = renderField();

    await chooseKind(user, "Fixed", "Expression");
    // user-event reads "{" and "[" as key descriptors; "<" and "+" are plain characters.
    await user.type(screen.getByRole("textbox", { name: "Namespace" }), "<+env.name>-ns");
    await user.tab();

    expect(value()).toBe("<+env.name>-ns");
  });

  it("shows the zod error under the field and wires it to the input", async () => {
    const { user, onSubmit } = renderField();
    const input = screen.getByRole("textbox", { name: "Namespace" });
    expect(input).toHaveAttribute("aria-invalid", "false");
    expect(input).toHaveAccessibleDescription("Where the workload runs.");

    await user.type(input, "Team A");
    await user.click(screen.getByRole("button", { name: "Submit" }));

    expect(onSubmit).not.toHaveBeenCalled();
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Use lowercase letters, digits and dashes");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input.getAttribute("aria-describedby")?.split(" ")).toContain(alert.id);
    expect(input).toHaveAccessibleDescription("Use lowercase letters, digits and dashes Where the workload runs.");

    // Fixing the value clears the message (react-hook-form re-validates on change after a submit).
    await user.clear(input);
    await user.type(input, "team-a");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "false");
    await user.click(screen.getByRole("button", { name: "Submit" }));
    expect(onSubmit).toHaveBeenCalledWith({ namespace: "team-a" });
  });

  it("checks a runtime input's default with the fixed-value rules", async () => {
    const { user, onSubmit } = renderField("<+input>.default(Team A)");

    await user.click(screen.getByRole("button", { name: "Submit" }));

    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole("alert")).toHaveTextContent('Default "Team A": Use lowercase letters, digits and dashes');
    expect(screen.getByRole("textbox", { name: "Namespace" })).toBeInvalid();
  });
});
