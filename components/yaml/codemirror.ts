// CodeMirror 6 set up for Conduit's YAML documents. Loaded only by YamlEditor's dynamic import,
// so no page pays for it until a YAML editor is on screen.
//
// YAML highlighting (Lezer's grammar), line numbers, folding, search (Mod-f), undo history, and
// the server's problems as lint diagnostics on their lines. Colours are the app's CSS variables,
// so the editor follows the light/dark class on <html> without being reconfigured. Tab indents;
// Escape then Tab moves focus on (CodeMirror's own escape hatch), so the keyboard is never trapped.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import {
  HighlightStyle,
  codeFolding,
  foldGutter,
  foldKeymap,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, StateEffect, StateField, type Extension, type Text } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  drawSelection,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type DecorationSet,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import type { YamlIssueMark } from "./yaml-issues";

const LINE_PX = 20;

/** Token colours: the app's palette (both themes through its CSS variables). */
const yamlHighlight = HighlightStyle.define([
  { tag: t.definition(t.propertyName), color: "var(--accent)" },
  { tag: t.string, color: "var(--success)" },
  { tag: [t.labelName, t.typeName, t.keyword, t.meta, t.special(t.string)], color: "var(--cm-yaml-meta)" },
  { tag: t.lineComment, color: "var(--muted)", fontStyle: "italic" },
  { tag: [t.separator, t.punctuation, t.squareBracket, t.brace], color: "var(--muted)" },
  { tag: t.attributeValue, color: "var(--warning)" },
]);

/** The editor's chrome in the app's colours; `.dark &` rules follow the class on <html>. */
const conduitTheme = EditorView.theme({
  "&": {
    "--cm-yaml-meta": "#8250df",
    color: "var(--fg)",
    backgroundColor: "var(--surface)",
    fontSize: "13px",
    maxHeight: `calc(var(--cm-max-rows, 40) * ${LINE_PX}px + 18px)`,
  },
  ".dark &": { "--cm-yaml-meta": "#c4a1ff" },
  // The frame around the editor (YamlEditor) shows focus; the global :focus-visible ring on the
  // content would be clipped by the scroller.
  "&.cm-focused": { outline: "none" },
  ".cm-content:focus-visible": { outline: "none" },
  ".cm-scroller": {
    fontFamily: "var(--font-mono)",
    lineHeight: `${LINE_PX}px`,
    minHeight: `calc(var(--cm-min-rows, 8) * ${LINE_PX}px + 18px)`,
    overflow: "auto",
  },
  ".cm-content": { padding: "8px 0", caretColor: "var(--fg)" },
  ".cm-line": { padding: "0 24px 0 12px" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection":
    { backgroundColor: "color-mix(in srgb, var(--accent) 25%, transparent)" },
  ".cm-gutters": {
    backgroundColor: "var(--surface-2)",
    color: "var(--muted)",
    borderRight: "1px solid var(--border)",
  },
  ".cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--accent) 12%, transparent)", color: "var(--fg)" },
  ".cm-lineNumbers .cm-gutterElement": { padding: "0 8px 0 12px", fontVariantNumeric: "tabular-nums" },
  ".cm-foldGutter .cm-gutterElement": { padding: "0 4px", cursor: "pointer" },
  ".cm-foldPlaceholder": {
    backgroundColor: "var(--surface-2)",
    border: "1px solid var(--border)",
    color: "var(--muted)",
  },
  ".cm-yaml-error-line": { backgroundColor: "color-mix(in srgb, var(--danger) 15%, transparent)" },
  ".cm-lintRange-error": { textDecoration: "underline wavy var(--danger)", textUnderlineOffset: "3px" },
  ".cm-tooltip": {
    backgroundColor: "var(--surface)",
    color: "var(--fg)",
    border: "1px solid var(--border)",
    borderRadius: "6px",
  },
  ".cm-diagnostic": { padding: "4px 8px", fontFamily: "var(--font-sans)" },
  ".cm-diagnostic-error": { borderLeft: "4px solid var(--danger)" },
  ".cm-panels": { backgroundColor: "var(--surface-2)", color: "var(--fg)" },
  ".cm-panels.cm-panels-top": { borderBottom: "1px solid var(--border)" },
  ".cm-panels.cm-panels-bottom": { borderTop: "1px solid var(--border)" },
  ".cm-panel.cm-search": { fontFamily: "var(--font-sans)", fontSize: "13px", padding: "6px 8px" },
  ".cm-textfield": {
    backgroundColor: "var(--surface)",
    color: "var(--fg)",
    border: "1px solid var(--border)",
    borderRadius: "4px",
  },
  ".cm-button": {
    backgroundImage: "none",
    backgroundColor: "var(--surface)",
    color: "var(--fg)",
    border: "1px solid var(--border)",
    borderRadius: "4px",
  },
  ".cm-panel button[name=close]": { color: "var(--muted)" },
  ".cm-searchMatch": { backgroundColor: "color-mix(in srgb, var(--warning) 30%, transparent)" },
  ".cm-searchMatch-selected": { backgroundColor: "color-mix(in srgb, var(--warning) 55%, transparent)" },
  ".cm-selectionMatch": { backgroundColor: "color-mix(in srgb, var(--accent) 15%, transparent)" },
});

/** The lines that hold a problem, shaded whole (the diagnostic underlines from the key on). */
const setErrorLines = StateEffect.define<number[]>();
const errorLines = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(lines, tr) {
    lines = lines.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setErrorLines)) continue;
      const mark = Decoration.line({ class: "cm-yaml-error-line" });
      lines = Decoration.set(e.value.map((pos) => mark.range(pos)));
    }
    return lines;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Issues (1-based lines and columns) as diagnostics on `doc`: from the key to the end of its line. */
export function issueDiagnostics(doc: Text, issues: readonly YamlIssueMark[]): Diagnostic[] {
  return issues.map((issue) => {
    const line = doc.line(Math.min(Math.max(issue.line, 1), doc.lines));
    const indent = line.text.length - line.text.trimStart().length;
    const column = issue.column ? Math.min(issue.column - 1, line.length) : indent;
    return {
      from: line.from + column,
      to: line.to,
      severity: "error",
      source: "Conduit",
      message: issue.message,
    };
  });
}

export interface YamlEditorOptions {
  parent: HTMLElement;
  value: string;
  readOnly: boolean;
  onChange?: (value: string) => void;
  /** Attributes of the editable element (the textbox): its name, description, invalid state. */
  attributes: Record<string, string>;
}

export interface YamlEditorHandle {
  readonly view: EditorView;
  /** Replaces the document when `text` differs from it (a new server version, Cancel). */
  setValue(text: string): void;
  setReadOnly(readOnly: boolean): void;
  setAttributes(attributes: Record<string, string>): void;
  /** Shows these problems (none clears them) and scrolls to the first. */
  setIssues(issues: readonly YamlIssueMark[]): void;
  destroy(): void;
}

const readOnlyExtension = (readOnly: boolean): Extension => [
  EditorState.readOnly.of(readOnly),
  // Read-only: still focusable (select, copy, search), but no caret blinking in a document
  // that cannot change.
  readOnly ? EditorView.theme({ ".cm-cursor": { display: "none" } }) : [],
];

export function createYamlEditor(opts: YamlEditorOptions): YamlEditorHandle {
  const readOnly = new Compartment();
  const attributes = new Compartment();
  let silent = false;
  const view = new EditorView({
    parent: opts.parent,
    state: EditorState.create({
      doc: opts.value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        codeFolding(),
        foldGutter(),
        lintGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        yaml(),
        syntaxHighlighting(yamlHighlight),
        search({ top: true }),
        highlightSelectionMatches(),
        errorLines,
        EditorState.tabSize.of(2),
        indentUnit.of("  "),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...foldKeymap, ...lintKeymap, indentWithTab]),
        conduitTheme,
        readOnly.of(readOnlyExtension(opts.readOnly)),
        attributes.of(EditorView.contentAttributes.of(opts.attributes)),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !silent) opts.onChange?.(u.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    view,
    setValue(text) {
      if (view.state.doc.toString() === text) return;
      silent = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      } finally {
        silent = false;
      }
    },
    setReadOnly(value) {
      view.dispatch({ effects: readOnly.reconfigure(readOnlyExtension(value)) });
    },
    setAttributes(value) {
      view.dispatch({ effects: attributes.reconfigure(EditorView.contentAttributes.of(value)) });
    },
    setIssues(issues) {
      const diagnostics = issueDiagnostics(view.state.doc, issues);
      const lines = [...new Set(diagnostics.map((d) => view.state.doc.lineAt(d.from).from))].sort((a, b) => a - b);
      view.dispatch(setDiagnostics(view.state, diagnostics), {
        effects: [
          setErrorLines.of(lines),
          ...(lines.length ? [EditorView.scrollIntoView(lines[0]!, { y: "center" })] : []),
        ],
      });
    },
    destroy() {
      view.destroy();
    },
  };
}
