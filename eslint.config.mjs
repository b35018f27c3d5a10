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

// A secret's value is opened only in lib/secrets, for its one use (see lib/secrets/service.ts).
const sealedValues = {
  group: ["@/lib/secrets/crypto", "**/secrets/crypto"],
  importNames: ["open"],
  message: "Secret values are opened only in lib/secrets: use openAwsKeyMaterial or openBearerToken.",
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
    rules: { "no-restricted-imports": ["error", { patterns: [...restricted.patterns, sealedValues] }] },
  },
  {
    files: ["lib/**/*.ts", "scripts/**/*.ts", "e2e/**/*.ts", "prisma/**/*.ts", "*.ts"],
    // The OIDC key store opens its own sealed signing keys, which are not secrets a user stores.
    ignores: ["lib/secrets/**", "lib/oidc/key-store.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [sealedValues] }] },
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
