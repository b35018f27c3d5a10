// The editor's YAML tokenizer: pure, so this runs in the components project without rendering.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlightYaml, type YamlTokenType } from "./yaml-highlight";

const typed = (text: string) =>
  highlightYaml(text).map((l) =>
    l.tokens.filter((t) => t.type !== "plain").map((t) => [t.type, t.text] as [YamlTokenType, string]),
  );

describe("highlightYaml", () => {
  it("colours keys, scalars, comments and list dashes", () => {
    const yaml = [
      "connector:",
      "  name: prod-aws # the main account",
      "  port: 443",
      "  enabled: true",
      "  role: null",
      '  arn: "arn:aws:iam::123:role/x"',
      "  regions:",
      "    - us-east-1",
      "    - 'eu-west-1'",
    ].join("\n");
    expect(typed(yaml)).toEqual([
      [
        ["key", "connector"],
        ["punct", ":"],
      ],
      [
        ["key", "name"],
        ["punct", ":"],
        ["string", "prod-aws"],
        ["comment", "# the main account"],
      ],
      [
        ["key", "port"],
        ["punct", ":"],
        ["number", "443"],
      ],
      [
        ["key", "enabled"],
        ["punct", ":"],
        ["literal", "true"],
      ],
      [
        ["key", "role"],
        ["punct", ":"],
        ["literal", "null"],
      ],
      [
        ["key", "arn"],
        ["punct", ":"],
        ["string", '"arn:aws:iam::123:role/x"'],
      ],
      [
        ["key", "regions"],
        ["punct", ":"],
      ],
      [
        ["dash", "-"],
        ["string", "us-east-1"],
      ],
      [
        ["dash", "-"],
        ["string", "'eu-west-1'"],
      ],
    ]);
  });

  it("handles keys inside list items, URLs, quoted keys and flow collections", () => {
    expect(typed('- name: a\n  url: http://x:80/y\n"a: b": 1\ntags: [a, 2, true]')).toEqual([
      [
        ["dash", "-"],
        ["key", "name"],
        ["punct", ":"],
        ["string", "a"],
      ],
      [
        ["key", "url"],
        ["punct", ":"],
        ["string", "http://x:80/y"],
      ],
      [
        ["key", '"a: b"'],
        ["punct", ":"],
        ["number", "1"],
      ],
      [
        ["key", "tags"],
        ["punct", ":"],
        ["punct", "["],
        ["string", "a"],
        ["punct", ","],
        ["number", "2"],
        ["punct", ","],
        ["literal", "true"],
        ["punct", "]"],
      ],
    ]);
  });

  it("treats the lines of a block scalar as text until the indentation returns", () => {
    expect(typed("script: |\n  echo a: b\n\n  # not a comment\nnext: 1")).toEqual([
      [
        ["key", "script"],
        ["punct", ":"],
        ["punct", "|"],
      ],
      [["string", "echo a: b"]],
      [],
      [["string", "# not a comment"]],
      [
        ["key", "next"],
        ["punct", ":"],
        ["number", "1"],
      ],
    ]);
    // Inside a list item the block belongs to the key, so a sibling key ends it.
    expect(typed("- run: >-\n    long text\n  other: x")[2]).toEqual([
      ["key", "other"],
      ["punct", ":"],
      ["string", "x"],
    ]);
  });

  it("marks anchors, aliases, tags and document markers", () => {
    expect(typed("---\nbase: &b {a: 1}\nuse: *b\nn: !!str 12")).toEqual([
      [["punct", "---"]],
      [
        ["key", "base"],
        ["punct", ":"],
        ["meta", "&b"],
        ["punct", "{"],
        ["key", "a"],
        ["punct", ":"],
        ["number", "1"],
        ["punct", "}"],
      ],
      [
        ["key", "use"],
        ["punct", ":"],
        ["meta", "*b"],
      ],
      [
        ["key", "n"],
        ["punct", ":"],
        ["meta", "!!str"],
        ["number", "12"],
      ],
    ]);
  });

  it("keeps every character, in order, for any input, and never throws", () => {
    const yamlish = fc.array(
      fc.constantFrom(
        "a",
        "1",
        " ",
        "  ",
        "-",
        ":",
        "#",
        '"',
        "'",
        "\\",
        "[",
        "]",
        "{",
        "}",
        ",",
        "|",
        ">",
        "&",
        "*",
        "!",
        "\n",
        "\t",
        "é",
        "true",
        "---",
      ),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          yamlish.map((p) => p.join("")),
        ),
        (text) => {
          const lines = highlightYaml(text);
          expect(lines.map((l) => l.tokens.map((t) => t.text).join("")).join("\n")).toBe(text);
          for (const l of lines) for (const t of l.tokens) expect(t.text.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
