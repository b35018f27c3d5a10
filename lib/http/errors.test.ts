// Field errors are built on objects without a prototype: a field named like one of Object's
// members (`__proto__`, `constructor`, `toString`) is a key like any other, and serialises.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, fieldErrorsFromZod, problemSchema, validationError } from "./errors";

const schema = z.strictObject({ name: z.string(), tags: z.record(z.string(), z.string()) });
const KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

describe("fieldErrorsFromZod", () => {
  it("names unknown keys that are Object members, at the top and nested, without touching any prototype", () => {
    const raw = `{"name":1,"tags":{"constructor":2},${KEYS.map((k) => `${JSON.stringify(k)}:{"polluted":true}`).join(",")}}`;
    const r = schema.safeParse(JSON.parse(raw));
    expect(r.success).toBe(false);
    if (r.success) return;
    const out = fieldErrorsFromZod(r.error);
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.keys(out).sort()).toEqual([...KEYS, "name", "tags.constructor"].sort());
    for (const k of KEYS) expect(out[k]).toEqual(["Unknown field"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("serialises into a problem the client's schema reads back, `__proto__` included", () => {
    const r = schema.safeParse(JSON.parse('{"name":"x","tags":{},"__proto__":1,"constructor":2}'));
    if (r.success) throw new Error("expected a failure");
    const err = validationError(r.error);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(422);
    expect(err.detail).toBe("Check __proto__, constructor");
    const json = JSON.stringify(err.toProblem("req-1"));
    expect(json).toContain('"fieldErrors":{"__proto__":["Unknown field"],"constructor":["Unknown field"]}');
    const back = problemSchema.parse(JSON.parse(json));
    expect(back.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(JSON.parse(json).fieldErrors)).toEqual(["__proto__", "constructor"]);
  });

  it("joins messages for one path and names the root", () => {
    const r = z.string().min(3).safeParse(5);
    if (r.success) throw new Error("expected a failure");
    expect(fieldErrorsFromZod(r.error)).toEqual({ "(root)": [expect.any(String)] });
  });
});
