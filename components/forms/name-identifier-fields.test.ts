import { describe, expect, it } from "vitest";
import { hintFor } from "./name-identifier-fields";

describe("the identifier hint", () => {
  it("says the identifier follows the name only until the user types one", () => {
    const hint = "Derived from the name. Pipelines refer to the connector by it.";
    expect(hintFor(hint, false)).toBe(hint);
    expect(hintFor(hint, true)).toBe("Pipelines refer to the connector by it.");
    expect(hintFor("Derived from the name; used in URLs.", true)).toBe("Used in URLs.");
    expect(hintFor("Derived from the name.", true)).toBe("");
    expect(hintFor("Cannot change.", true)).toBe("Cannot change.");
  });
});
