// The bare baseline app: Next's defaults, nothing else. Built by the page benchmarks into
// .tmp/bare-next (BARE_NEXT_DIST_DIR), never into the repository.
/** @type {import("next").NextConfig} */
const nextConfig = { distDir: process.env.BARE_NEXT_DIST_DIR ?? ".next", poweredByHeader: false };
export default nextConfig;
