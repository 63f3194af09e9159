// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Route handlers and pages read content/ at run time; make sure a standalone trace has it.
  outputFileTracingIncludes: { "/**": ["./content/**/*"] },
};

export default nextConfig;
