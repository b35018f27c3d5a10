import { afterEach, describe, expect, it } from "vitest";
import { draftKey, readDraft, removeDraft, writeDraft } from "./drafts";

afterEach(() => localStorage.clear());

describe("form drafts", () => {
  it("keys a draft by kind, scope and what is edited", () => {
    expect(draftKey("connector", { org: "default", project: "web" })).toBe("conduit.draft:connector:default/web:new");
    expect(draftKey("connector", {})).toBe("conduit.draft:connector:-/-:new");
    expect(draftKey("connector", { org: "a" })).not.toBe(draftKey("connector", { org: "a", project: "b" }));
  });

  it("reads back what was written, and nothing once removed", () => {
    const key = draftKey("connector", { org: "default" });
    writeDraft(key, 1, { values: { name: "Prod" } });
    expect(readDraft(key, 1)).toEqual({ values: { name: "Prod" } });
    removeDraft(key);
    expect(readDraft(key, 1)).toBeUndefined();
  });

  it("drops a draft of another format or one that does not parse", () => {
    const key = draftKey("connector", {});
    writeDraft(key, 1, { a: 1 });
    expect(readDraft(key, 2)).toBeUndefined();
    expect(localStorage.getItem(key)).toBeNull();
    localStorage.setItem(key, "{not json");
    expect(readDraft(key, 1)).toBeUndefined();
    expect(localStorage.getItem(key)).toBeNull();
  });
});
