// The expected version of an update: If-Match or the body's `version`, never above int4.
import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { expectedVersion, MAX_VERSION } from "./version";

const ifMatch = (v: string) => new Headers({ "if-match": v });
function failure(f: () => unknown) {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected an AppError");
}

describe("expectedVersion", () => {
  it('reads If-Match as 3, "3" or W/"3", before the body', () => {
    for (const v of ["3", '"3"', 'W/"3"', ' "3" ']) expect(expectedVersion(ifMatch(v), 9)).toBe(3);
    expect(expectedVersion(new Headers(), 9)).toBe(9);
    expect(expectedVersion(ifMatch(`"${MAX_VERSION}"`), undefined)).toBe(MAX_VERSION);
  });

  it("refuses an If-Match above 2³¹−1 (int4) or not a number with 400 naming the header", () => {
    for (const v of [`"${MAX_VERSION + 1}"`, '"99999999999"', "9".repeat(400), '"-1"', "*", '"3", "4"', '"1e3"']) {
      const err = failure(() => expectedVersion(ifMatch(v), undefined));
      expect(err.status, v).toBe(400);
      expect(err.options.fieldErrors).toHaveProperty("If-Match");
    }
  });

  it("refuses a body version outside 1…2³¹−1 with 422 on `version`, and asks for one when there is none", () => {
    for (const v of [MAX_VERSION + 1, 0, 1.5, Number.MAX_SAFE_INTEGER]) {
      const err = failure(() => expectedVersion(new Headers(), v));
      expect(err.status, String(v)).toBe(422);
      expect(err.options.fieldErrors).toHaveProperty("version");
    }
    expect(failure(() => expectedVersion(new Headers(), undefined)).status).toBe(428);
  });
});
