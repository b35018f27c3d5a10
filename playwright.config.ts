import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STATE } from "./e2e/fixtures/auth";

// Ports are picked once here; worker processes inherit them through the environment. Both stay
// below the kernel's ephemeral range (32768+), so no server the setup starts on port 0 (the AWS
// emulator, the fake Kubernetes API) can take them first.
process.env.E2E_PORT ??= String(20000 + Math.floor(Math.random() * 5000));
process.env.E2E_CONTROL_PORT ??= String(Number(process.env.E2E_PORT) + 5000);

const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1366, height: 860 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-gpu",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "e2e",
  testMatch: ["**/*.spec.ts", "**/*.setup.ts"],
  outputDir: process.env.E2E_OUTPUT_DIR || "test-results",
  globalSetup: "./e2e/fixtures/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  forbidOnly: true,
  use: {
    baseURL: `http://127.0.0.1:${process.env.E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1366, height: 860 },
  },
  projects: [
    // First: the one-time setup link creates the first admin; its signed-in state is saved.
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: { ...chromium } },
    {
      name: "chromium",
      testMatch: /.*\.spec\.ts$/,
      dependencies: ["setup"],
      use: { ...chromium, storageState: ADMIN_STATE },
    },
  ],
});
