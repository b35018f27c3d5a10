// Runs last (files run in name order): no secret value any test created appears in any API
// response, page HTML or server log line produced during the whole run.
import { existsSync, readFileSync } from "node:fs";
import { APP_LOG } from "./fixtures/app-server";
import { expect, OUTPUT_FILE, SECRETS_FILE, test } from "./fixtures/test";

const lines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

test("no secret value leaks into responses, pages or logs", () => {
  const secrets = [...new Set(lines(SECRETS_FILE) as string[])];
  const outputs = lines(OUTPUT_FILE) as { kind: string; url: string; body: string }[];
  // The scan only means something when the run created secrets and recorded what it saw.
  expect(secrets.length).toBeGreaterThan(3);
  expect(outputs.filter((o) => o.kind === "html").length).toBeGreaterThan(5);
  expect(outputs.filter((o) => o.kind !== "html").length).toBeGreaterThan(20);

  const log = existsSync(APP_LOG) ? readFileSync(APP_LOG, "utf8") : "";
  expect(log.length).toBeGreaterThan(1000);
  const leaks: string[] = [];
  for (const value of secrets) {
    const forms = [value, Buffer.from(value).toString("base64"), JSON.stringify(value).slice(1, -1)];
    for (const o of outputs) if (forms.some((f) => o.body.includes(f))) leaks.push(`${o.kind} ${o.url}`);
    if (forms.some((f) => log.includes(f))) leaks.push("server log");
  }
  expect(leaks).toEqual([]);
});
