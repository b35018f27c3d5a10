import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects share the aliases and the JSX transform:
// - node: lib/scripts/prisma unit and integration tests against a fresh PostgreSQL (embedded
//   unless DATABASE_URL is set); only this project starts it.
// - components: React components under jsdom with Testing Library, plus pure component helpers.
// `npx vitest run` runs both; `npx vitest run --project components` only the component tests.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next's marker package throws outside a React Server environment; tests import it freely.
      "server-only": path.resolve(import.meta.dirname, "scripts/lib/empty-module.ts"),
    },
  },
  // tsconfig's JSX setting belongs to Next; Vite 8 transforms with Oxc, so say it here.
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  test: {
    fileParallelism: true,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          environment: "node",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "e2e/fixtures/**/*.test.ts", "prisma/**/*.test.ts"],
          globalSetup: ["scripts/lib/vitest-global-setup.ts"],
          setupFiles: ["scripts/lib/vitest-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "components",
          environment: "jsdom",
          include: ["components/**/*.test.ts", "components/**/*.test.tsx", "app/**/*.test.tsx"],
          setupFiles: ["scripts/lib/vitest-dom-setup.ts"],
          testTimeout: 15_000,
        },
      },
    ],
  },
});
