// The shared field shapes refuse what no stored text may hold, and versions above int4.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsFromZod } from "@/lib/http/errors";
import { descriptionSchema, nameSchema, resourceFields, tagsSchema, versionSchema } from "./schemas";
import { isCleanText } from "./text";

const body = z.strictObject({ ...resourceFields, version: versionSchema.optional() });
const valid = { name: "Web", identifier: "web", description: "", tags: {} };
const fieldsOf = (input: unknown) => {
  const r = body.safeParse(input);
  return r.success ? [] : Object.keys(fieldErrorsFromZod(r.error)).sort();
};

describe("isCleanText", () => {
  it("refuses NUL, other C0 controls, DEL, C1 and lone surrogates; keeps tabs, line breaks and emoji", () => {
    for (const bad of ["a\u0000", "\u0007", "\u007f", "\u0085", "\ud800", "x\udc00y", "\udbff"])
      expect(isCleanText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ["line one\n\tline two\r\n", "🚀 launch", "Zürich", ""]) expect(isCleanText(good)).toBe(true);
  });
});

describe("the shared string schemas", () => {
  it("refuse a lone surrogate or NUL in name, description, tag keys and tag values (422 naming the field)", () => {
    expect(fieldsOf({ ...valid, name: "a\ud800" })).toEqual(["name"]);
    expect(fieldsOf({ ...valid, description: "nul\u0000" })).toEqual(["description"]);
    expect(fieldsOf({ ...valid, tags: { team: "\udc00" } })).toEqual(["tags.team"]);
    expect(fieldsOf({ ...valid, tags: { "k\u0000": "v" } })).not.toEqual([]);
    expect(nameSchema.safeParse("🚀 Web").success).toBe(true);
    expect(descriptionSchema.safeParse("two\nlines").success).toBe(true);
    expect(tagsSchema.safeParse({ team: "payments" }).success).toBe(true);
  });

  it("cap versions at 2³¹−1 (int4)", () => {
    expect(versionSchema.safeParse(2_147_483_647).success).toBe(true);
    for (const v of [2_147_483_648, 99_999_999_999, 0, 1.5])
      expect(versionSchema.safeParse(v).success, String(v)).toBe(false);
    expect(fieldsOf({ ...valid, version: 2 ** 31 })).toEqual(["version"]);
  });

  it("report unknown keys named like Object's members as unknown fields", () => {
    const input = JSON.parse('{"name":"Web","identifier":"web","constructor":1,"__proto__":{"x":1},"toString":2}');
    expect(fieldsOf(input)).toEqual(["__proto__", "constructor", "toString"]);
  });
});
