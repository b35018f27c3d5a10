// `npm test` stage "bundle budget": the JavaScript a signed-in user's browser downloads to open
// /connectors/new must stay within BUDGET_KB of gzip (kB = 1000 bytes, as browsers show it).
//
// Measured, not guessed from manifests: the production build (NEXT_DIST_DIR, built if older than
// its sources) runs on its own embedded PostgreSQL with a first admin from the environment;
// Chromium signs in, opens the page, waits until the client has rendered it and no script has
// been requested for 2 s, and every script response it received (the page's own chunks and any
// it imported on mount) is gzipped (level 6, as Next's compression does) and summed. The figure, the file count and the largest files are printed; above the budget the
// process exits 1. BUNDLE_BUDGET_PAGE / BUNDLE_BUDGET_KB measure another page or limit.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { migrate } from "../lib/db/migrations";
import { seed } from "../prisma/seed";
import { OUTPUT_DIR, startAppInstance } from "../e2e/fixtures/app-server";
import { ensureBuild } from "./lib/build";
import { freePort, startEmbeddedPostgres } from "./lib/embedded-postgres";

const PAGE = process.env.BUNDLE_BUDGET_PAGE || "/connectors/new";
const BUDGET_KB = Number(process.env.BUNDLE_BUDGET_KB || 200);
const ADMIN = { email: "budget@conduit.test", password: `budget-${randomBytes(12).toString("hex")}` };

export interface ScriptFile {
  url: string;
  bytes: number;
  gzip: number;
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const log = (m: string) => console.log(`[bundle-budget] ${m}`);

/** Chromium, signed in, opens `page`; every script file it loaded, largest first. */
async function measure(baseUrl: string, page: string): Promise<ScriptFile[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"],
  });
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 860 } });
    const signIn = await context.request.post("/api/auth/sign-in/email", {
      data: ADMIN,
      headers: { origin: baseUrl },
    });
    if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}: ${await signIn.text()}`);

    const tab = await context.newPage();
    const pending: Promise<ScriptFile | undefined>[] = [];
    let lastScript = Date.now();
    tab.on("request", (req) => {
      if (req.resourceType() === "script") lastScript = Date.now();
    });
    tab.on("response", (res) => {
      if (res.request().resourceType() !== "script") return;
      pending.push(
        res.body().then(
          (body) => ({ url: res.url(), bytes: body.length, gzip: gzipSync(body, { level: 6 }).length }),
          () => undefined,
        ),
      );
    });
    // Not "networkidle": the console's queries and route prefetches keep the network busy.
    const res = await tab.goto(page, { waitUntil: "load" });
    if (!res?.ok()) throw new Error(`${page} answered ${res?.status()}`);
    if (new URL(tab.url()).pathname !== page) throw new Error(`${page} went to ${tab.url()}`);
    // Hydrated (the client renders the page's heading), then no new script for 2 s.
    await tab.getByRole("heading", { level: 1 }).first().waitFor();
    for (const deadline = Date.now() + 20_000; Date.now() - lastScript < 2000 && Date.now() < deadline;)
      await tab.waitForTimeout(250);
    const files = new Map<string, ScriptFile>();
    for (const f of await Promise.all(pending)) if (f) files.set(f.url, f);
    return [...files.values()].sort((a, b) => b.gzip - a.gzip);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<number> {
  ensureBuild(log);
  const dir = await mkdtemp(path.join(tmpdir(), "conduit-budget-"));
  await chmod(dir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
  let app: Awaited<ReturnType<typeof startAppInstance>> | undefined;
  try {
    await migrate(db.url);
    await seed(db.url, "budget_account");
    app = await startAppInstance({
      port: await freePort(),
      databaseUrl: db.url,
      logFile: path.join(OUTPUT_DIR, "bundle-budget-app.log"),
      env: {
        CONDUIT_ACCOUNT_ID: "budget_account",
        CONDUIT_DATA_DIR: path.join(dir, "data"),
        CONDUIT_SECRET_KEY: randomBytes(32).toString("base64"),
        CONDUIT_ADMIN_EMAIL: ADMIN.email,
        CONDUIT_ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: "warn",
      },
    });
    const files = await measure(app.baseUrl, PAGE);
    const total = files.reduce((s, f) => s + f.gzip, 0);
    const raw = files.reduce((s, f) => s + f.bytes, 0);
    console.log(`\nFirst load of ${PAGE}: ${files.length} script files, ${kb(total)} gzip (${kb(raw)} raw)`);
    console.log("Largest files (gzip):");
    for (const f of files.slice(0, 10)) console.log(`  ${kb(f.gzip).padStart(9)}  ${new URL(f.url).pathname}`);
    await mkdir(OUTPUT_DIR, { recursive: true });
    await writeFile(
      path.join(OUTPUT_DIR, "bundle-budget.json"),
      JSON.stringify({ page: PAGE, budgetKb: BUDGET_KB, gzip: total, raw, files }, null, 2),
    );
    if (total > BUDGET_KB * 1000) {
      console.log(`\nOVER BUDGET: ${kb(total)} > ${BUDGET_KB} kB gzip for ${PAGE}`);
      return 1;
    }
    console.log(`\nWithin budget: ${kb(total)} ≤ ${BUDGET_KB} kB gzip for ${PAGE}`);
    return 0;
  } finally {
    await app?.stop();
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

// An explicit exit: embedded-postgres's exit hooks would otherwise decide the status.
main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
