// @ts-check

/**
 * Security headers on every response: pages, the API and static files. Pages also get a
 * Content-Security-Policy with a fresh nonce per response (proxy.ts); the API and Next's own files
 * (`/_next/…`), which are never documents with scripts of their own, get a fixed policy that
 * allows nothing. docs/security.md explains each header.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Other sites learn nothing of where a reader came from; this app's own requests keep it.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  // Features the reader never uses, switched off for it and for anything embedded in it.
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Other sites may not embed the API's JSON or the app's scripts as their own subresources.
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/** For answers that are never pages: nothing may load, run or frame them. */
const resourcePolicy = { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" };

/**
 * HSTS only when the client reached the app over https (a proxy in front says so, as
 * `X-Forwarded-Proto: https`; `next start` itself speaks plain http): over http, on a laptop or a
 * LAN, the header would be ignored at best.
 */
const overHttps = [{ type: /** @type {const} */ ("header"), key: "x-forwarded-proto", value: "\\s*https\\s*(,.*)?" }];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  // pdf.js and mammoth run only in the ingest worker (lib/ingest/isolated.ts); should a server module
  // ever import a converter directly, they too are loaded from node_modules rather than bundled.
  serverExternalPackages: ["better-sqlite3", "pdfjs-dist", "mammoth"],
  poweredByHeader: false,
  // Types are checked by `npm run typecheck` (CI runs it before any test), not again by every
  // build: a production install (`npm ci --omit=dev`) has no type packages of the libraries, and
  // the build is a minute shorter on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
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
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/:path*", has: overHttps, headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] },
      // Exactly the paths proxy.ts leaves out: it gives every other response the pages' policy.
      { source: "/api/:path+", headers: [resourcePolicy] },
      { source: "/_next/:path+", headers: [resourcePolicy] },
    ];
  },
};

export default nextConfig;
