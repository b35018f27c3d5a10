import type { UseQueryResult } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { EditorView } from "@codemirror/view";
import { Text } from "@codemirror/state";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/http/client";
import type { Problem } from "@/lib/http/errors";
import { issueDiagnostics } from "./codemirror";
import { YamlDocumentTab, type YamlDocumentTabProps } from "./yaml-document-tab";
import { yamlIssuesOf } from "./yaml-issues";

// CodeMirror measures text with Range rectangles, which jsdom does not lay out.
beforeAll(() => {
  const range = Range.prototype as Partial<Range>;
  range.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as never;
  range.getBoundingClientRect ??= () => new DOMRect();
});

const DOC = [
  "connector:",
  "  name: Prod",
  "  identifier: prod",
  "  type: Aws",
  "  spec:",
  "    credential:",
  "      type: OidcAuthentication",
  "      spec:",
  "        iamRoleArn: arn:aws:iam::123456789012:role/conduit",
  "",
].join("\n");

const problem422 = (extra: Record<string, unknown>, detail = "Line 9: Enter an IAM role ARN"): ApiError =>
  new ApiError({
    type: "about:blank",
    title: "Validation failed",
    status: 422,
    code: "VALIDATION_FAILED",
    detail,
    extra,
  } as Problem);

function renderTab(overrides: Partial<YamlDocumentTabProps> = {}) {
  const save = vi.fn<YamlDocumentTabProps["save"]>(async () => ({ version: 2 }));
  const props: YamlDocumentTabProps = {
    yaml: { isPending: false, isError: false, data: DOC, refetch: vi.fn() } as unknown as UseQueryResult<string>,
    save,
    saving: false,
    version: 1,
    onReloadLatest: vi.fn(async () => undefined),
    what: "connector",
    hint: { view: "The connector as YAML.", edit: "Edit the whole connector." },
    editor: { id: "connector-yaml", label: "Connector YAML" },
    ...overrides,
  };
  const user = userEvent.setup();
  render(<YamlDocumentTab {...props} />);
  return { user, save: props.save as typeof save };
}

/** The CodeMirror view once the lazily imported editor has mounted. */
async function editorView(): Promise<EditorView> {
  const region = screen.getByRole("region", { name: "Connector YAML" });
  await waitFor(() => expect(region.querySelector(".cm-editor")).not.toBeNull());
  return EditorView.findFromDOM(region.querySelector(".cm-editor") as HTMLElement)!;
}

const textbox = () => screen.getByRole("textbox", { name: "Connector YAML" });

describe("YamlDocumentTab", () => {
  it("shows the document read-only in CodeMirror, labelled, with line numbers", async () => {
    renderTab();
    expect(screen.getByText("Connector YAML")).toBeVisible();
    const view = await editorView();
    expect(view.state.doc.toString()).toBe(DOC);
    expect(view.state.readOnly).toBe(true);
    expect(textbox()).toHaveAttribute("aria-readonly", "true");
    expect(textbox()).toHaveAttribute("id", "connector-yaml");
    expect(screen.getByRole("region", { name: "Connector YAML" }).querySelector(".cm-lineNumbers")).not.toBeNull();
    expect(screen.getByText(/Ctrl\+F/)).toBeInTheDocument();
  });

  it("edits and saves the whole document at the loaded version", async () => {
    const { user, save } = renderTab();
    await user.click(screen.getByRole("button", { name: "Edit YAML" }));
    const view = await editorView();
    await waitFor(() => expect(view.state.readOnly).toBe(false));
    expect(textbox()).not.toHaveAttribute("aria-readonly");
    expect(screen.getByText(/press Escape, then Tab/)).toBeInTheDocument();

    act(() =>
      view.dispatch({
        changes: { from: view.state.doc.line(2).to - 4, to: view.state.doc.line(2).to, insert: "Staging" },
      }),
    );
    await user.click(screen.getByRole("button", { name: "Save YAML" }));

    expect(save).toHaveBeenCalledWith(DOC.replace("name: Prod", "name: Staging"), 1);
    expect(await screen.findByText("Saved as version 2.")).toBeInTheDocument();
    await waitFor(() => expect(view.state.readOnly).toBe(true));
  });

  it("a 422 puts its problems on their lines as diagnostics, and Cancel clears them", async () => {
    const save = vi.fn(async () => {
      throw problem422({
        line: 9,
        column: 9,
        issues: [
          { line: 9, column: 9, message: "Enter an IAM role ARN", path: "connector.spec.credential.spec.iamRoleArn" },
          { line: 2, column: 3, message: "Name is too long", path: "connector.name" },
        ],
      });
    });
    const { user } = renderTab({ save });
    await user.click(screen.getByRole("button", { name: "Edit YAML" }));
    const view = await editorView();

    await user.click(screen.getByRole("button", { name: "Save YAML" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The YAML was not saved: problem on line 9");
    expect(screen.getByRole("alert")).toHaveTextContent("Enter an IAM role ARN");
    expect(screen.getByRole("alert")).not.toHaveTextContent("Line 9:");

    const errorLines = () => [...view.dom.querySelectorAll(".cm-line.cm-yaml-error-line")].map((l) => l.textContent);
    await waitFor(() =>
      expect(errorLines()).toEqual(["  name: Prod", "        iamRoleArn: arn:aws:iam::123456789012:role/conduit"]),
    );
    // The underline starts at the key the server named.
    expect(view.dom.querySelector(".cm-lintRange-error")?.textContent).toBe("name: Prod");
    expect(textbox()).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/Line 9 has an error: Enter an IAM role ARN/)).toHaveClass("sr-only");

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(errorLines()).toEqual([]));
    expect(textbox()).not.toHaveAttribute("aria-invalid");
    expect(view.state.doc.toString()).toBe(DOC);
  });

  it("a 409 offers the other person's version instead of a diagnostic", async () => {
    const save = vi.fn(async () => {
      throw new ApiError({
        type: "about:blank",
        title: "Conflict",
        status: 409,
        code: "VERSION_CONFLICT",
        detail: "Someone else saved a newer version",
      } as Problem);
    });
    const { user } = renderTab({ save });
    await user.click(screen.getByRole("button", { name: "Edit YAML" }));
    const view = await editorView();
    await user.click(screen.getByRole("button", { name: "Save YAML" }));
    expect(await screen.findByRole("button", { name: /Reload/ })).toBeInTheDocument();
    expect(view.dom.querySelector(".cm-yaml-error-line")).toBeNull();
  });

  it("Tab indents while editing; after Escape, Tab is left to the browser (focus moves on)", async () => {
    renderTab();
    await userEvent.setup().click(screen.getByRole("button", { name: "Edit YAML" }));
    const view = await editorView();
    await waitFor(() => expect(view.state.readOnly).toBe(false));
    act(() => {
      view.focus();
      view.dispatch({ selection: { anchor: view.state.doc.line(2).from } });
    });
    // CodeMirror reads keyCode, which user-event leaves at 0: send the keys as a browser does.
    const key = (key: string, keyCode: number) => fireEvent.keyDown(view.contentDOM, { key, code: key, keyCode });

    expect(key("Tab", 9)).toBe(false); // handled: indented, the browser's focus move prevented
    expect(view.state.doc.line(2).text).toBe("    name: Prod");

    key("Escape", 27);
    expect(key("Tab", 9)).toBe(true); // not handled: the browser moves focus on
    expect(view.state.doc.line(2).text).toBe("    name: Prod");
    // Any other key ends the escape hatch: Tab indents again.
    key("ArrowDown", 40);
    expect(key("Tab", 9)).toBe(false);
  });
});

describe("yamlIssuesOf", () => {
  it("lists every issue the server located", () => {
    const err = problem422({
      line: 3,
      column: 1,
      issues: [
        { line: 3, column: 1, message: "a", path: "x" },
        { line: 5, message: "b", path: "y" },
        { line: "7", message: "not a line" },
      ],
    });
    expect(yamlIssuesOf(err)).toEqual([
      { line: 3, column: 1, message: "a" },
      { line: 5, column: undefined, message: "b" },
    ]);
  });

  it("falls back to extra.line with the detail less its 'Line n:' prefix", () => {
    expect(yamlIssuesOf(problem422({ line: 9, column: 9 }))).toEqual([
      { line: 9, column: 9, message: "Enter an IAM role ARN" },
    ]);
  });

  it("has nothing for problems without a line or for other errors", () => {
    expect(yamlIssuesOf(problem422({}, "Something else"))).toEqual([]);
    expect(yamlIssuesOf(new Error("network"))).toEqual([]);
  });
});

describe("issueDiagnostics", () => {
  const doc = Text.of(["a:", "  b: 1", ""]);
  it("runs from the column (or the indentation) to the end of the line", () => {
    expect(issueDiagnostics(doc, [{ line: 2, column: 3, message: "m" }])).toMatchObject([
      { from: 5, to: 9, severity: "error", message: "m" },
    ]);
    expect(issueDiagnostics(doc, [{ line: 2, message: "m" }])).toMatchObject([{ from: 5, to: 9 }]);
  });
  it("clamps lines past the end to the last line", () => {
    expect(issueDiagnostics(doc, [{ line: 40, message: "m" }])).toMatchObject([{ from: 10, to: 10 }]);
  });
});
