// The layering rule bites: dependency-cruiser with the project's own config, on a small tree of
// lib/ folders, refuses an upward import and a cycle and accepts a downward one.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const depcruise = path.join(root, "node_modules", ".bin", "depcruise");
let dir = "";

function tree(files: Record<string, string>) {
  dir = mkdtempSync(path.join(os.tmpdir(), "layers-"));
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "esnext" } }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

function cruise(): { ok: boolean; output: string } {
  try {
    const output = execFileSync(depcruise, ["lib", "--config", path.join(root, ".dependency-cruiser.cjs")], {
      cwd: dir,
      encoding: "utf8",
      stdio: "pipe",
    });
    return { ok: true, output };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the layering rule", () => {
  it("accepts a folder importing a lower layer", () => {
    tree({
      "lib/http/errors.ts": "export const x = 1;\n",
      "lib/gitops/service.ts": 'import { x } from "../http/errors";\nexport const y = x;\n',
    });
    expect(cruise()).toMatchObject({ ok: true });
  });

  it("refuses an upward import, naming the rule and the files", () => {
    tree({
      "lib/http/errors.ts": 'import { y } from "../gitops/service";\nexport const x = y;\n',
      "lib/gitops/service.ts": "export const y = 1;\n",
    });
    const r = cruise();
    expect(r.ok).toBe(false);
    expect(r.output).toContain("lib/http imports only lower layers");
    expect(r.output).toContain("lib/http/errors.ts → lib/gitops/service.ts");
  });

  it("refuses an import between two folders of one layer, and a folder with no layer", () => {
    tree({
      "lib/eks/a.ts": 'import { b } from "../connection-test/b";\nexport const a = b;\n',
      "lib/connection-test/b.ts": "export const b = 1;\n",
      "lib/brand-new/c.ts": 'import { b } from "../connection-test/b";\nexport const c = b;\n',
    });
    const r = cruise();
    expect(r.ok).toBe(false);
    expect(r.output).toContain("lib/eks imports only lower layers");
    expect(r.output).toContain("lib: every folder has a layer");
  });
});
