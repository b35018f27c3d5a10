import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { apiFetch } from "@/lib/http/client";
import { useResourceForm } from "./use-resource-form";
import type { LatestQuery } from "./version-conflict";

// A resource form in miniature: two fields on screen, a server that answers with problem+json.
const schema = z.object({
  name: z.string().min(1, "Enter a name"),
  identifier: z.string().min(1, "Enter an identifier"),
});
interface Thing {
  name: string;
  identifier: string;
  version: number;
}
const toValues = ({ name, identifier }: Thing) => ({ name, identifier });

const MINE: Thing = { name: "Mine", identifier: "thing", version: 1 };

function ThingForm({ latest }: { latest: LatestQuery<Thing> }) {
  const { form, item, submit, alerts } = useResourceForm({
    schema,
    item: MINE,
    defaultValues: toValues(MINE),
    fields: ["name", "identifier"],
    reload: { what: "thing", latest, toValues },
  });
  const { errors } = form.formState;
  const save = submit((values) =>
    apiFetch("/api/things/thing", { method: "PUT", json: { ...values, version: item?.version } }),
  );
  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="Thing">
      {alerts}
      <Field label="Name" error={errors.name?.message}>
        {(a) => <Input {...a} {...form.register("name")} />}
      </Field>
      <Field label="Identifier" error={errors.identifier?.message}>
        {(a) => <Input {...a} {...form.register("identifier")} />}
      </Field>
      <Button type="submit">Save</Button>
    </form>
  );
}

const fetchMock = vi.fn<typeof fetch>();
const problem = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify({ type: "about:blank", status, ...body }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
const sentBodies = () => fetchMock.mock.calls.map(([, init]) => JSON.parse(String(init?.body)));

beforeEach(() => vi.stubGlobal("fetch", fetchMock));
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

function renderForm(latest: LatestQuery<Thing> = { isFetching: false, refetch: vi.fn() }) {
  const user = userEvent.setup();
  render(<ThingForm latest={latest} />);
  const name = screen.getByRole("textbox", { name: "Name" });
  const identifier = screen.getByRole("textbox", { name: "Identifier" });
  return { user, name, identifier, save: () => user.click(screen.getByRole("button", { name: "Save" })) };
}

describe("useResourceForm", () => {
  it("puts a 422's fieldErrors on their fields and the rest in one form alert", async () => {
    fetchMock.mockResolvedValueOnce(
      problem(422, {
        title: "Some fields are not valid",
        code: "VALIDATION_FAILED",
        fieldErrors: { identifier: ["Already in use"], "spec.zone": ["Unknown zone"] },
      }),
    );
    const { name, identifier, save } = renderForm();
    await save();

    expect(identifier).toHaveAttribute("aria-invalid", "true");
    expect(identifier).toHaveAccessibleDescription("Already in use");
    expect(identifier).toHaveFocus();
    expect(name).toHaveAttribute("aria-invalid", "false");
    const form = screen.getByRole("form", { name: "Thing" });
    expect(within(form).getAllByRole("alert")[0]).toHaveTextContent(
      "Some fields are not valid: spec.zone: Unknown zone",
    );
  });

  it("shows no form alert when every message sits on a field, and the detail when none does", async () => {
    fetchMock.mockResolvedValueOnce(
      problem(409, {
        title: "Already exists",
        detail: 'Thing "thing" already exists',
        code: "ALREADY_EXISTS",
        fieldErrors: { identifier: ["Already in use"] },
      }),
    );
    const { user, name, save } = renderForm();
    await save();
    expect(screen.getByRole("textbox", { name: "Identifier" })).toHaveAccessibleDescription("Already in use");
    expect(screen.queryByText(/already exists/)).not.toBeInTheDocument();

    fetchMock.mockResolvedValueOnce(problem(500, { title: "Something went wrong on our side", code: "INTERNAL" }));
    await user.type(name, " edited");
    await save();
    expect(screen.getByText("Something went wrong on our side")).toBeInTheDocument();
  });

  it("turns a 409 VERSION_CONFLICT into reload-latest, and saves the reloaded version next", async () => {
    const theirs: Thing = { name: "Theirs", identifier: "thing", version: 2 };
    const refetch = vi.fn(async () => ({ data: theirs, error: null }));
    fetchMock.mockResolvedValueOnce(
      problem(409, { title: "Changed by someone else", code: "VERSION_CONFLICT", detail: "Version 1 is stale" }),
    );
    const { user, name, save } = renderForm({ isFetching: false, refetch });
    await user.clear(name);
    await user.type(name, "Edited");
    await save();

    expect(screen.getByText("Someone else saved this thing while you were editing.")).toBeInTheDocument();
    expect(screen.queryByText("Version 1 is stale")).not.toBeInTheDocument();
    expect(name).toHaveValue("Edited");

    await user.click(screen.getByRole("button", { name: "Reload their version" }));
    await user.click(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Discard my changes and reload" }),
    );
    expect(refetch).toHaveBeenCalledTimes(1);
    expect(await screen.findByDisplayValue("Theirs")).toBe(name);
    expect(screen.queryByText(/Someone else saved this thing/)).not.toBeInTheDocument();

    fetchMock.mockResolvedValueOnce(Response.json({ ...theirs, version: 3 }));
    await save();
    expect(sentBodies()).toEqual([
      { name: "Edited", identifier: "thing", version: 1 },
      { name: "Theirs", identifier: "thing", version: 2 },
    ]);
  });

  it("does not call the server while the form's own checks fail", async () => {
    const { user, name, save } = renderForm();
    await user.clear(name);
    await save();
    expect(name).toHaveAccessibleDescription("Enter a name");
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
