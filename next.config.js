// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Route handlers and pages read content/ at run time; make sure a standalone trace has it.
  outputFileTracingIncludes: { "/**": ["./content/**/*"] },
  // The W3C annotation container's IRI ends in "/" (`/annotations/`), which Next's own redirect
  // would strip. It is switched off, and `redirects` below does the same job for every other path.
  // (`/annotations` without the slash is redirected by the container's route itself: a redirect
  // here would match `/annotations/` too, since Next matches sources with or without the slash.)
  skipTrailingSlashRedirect: true,
  async redirects() {
    // Next's default (`/:path+/` → `/:path+`, 308), except for the container itself.
    return [{ source: "/:path((?!annotations/$).+)/", destination: "/:path", permanent: true }];
  },
};

export default nextConfig;
