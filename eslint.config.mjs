import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const restricted = {
  patterns: [
    {
      group: ["@prisma/*", "@/lib/generated/*", "**/generated/prisma/*"],
      message: "Pages and routes reach the database through lib/<domain>/service.ts.",
    },
    {
      group: ["@aws-sdk/*", "@smithy/*"],
      message: "Pages and routes reach AWS through lib/aws and the domain services.",
    },
    { group: ["@/lib/db", "**/lib/db"], message: "Only lib/<domain>/queries.ts touches the database." },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "test-results/**",
      "test-results-*/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", restricted] },
  },
  // Playwright fixtures receive a `use` callback that is not React's hook.
  { files: ["e2e/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
];
export default config;
