// A bare page, rendered per request like every page of the reader (which reads the language
// cookie, and whose CSP nonce needs a fresh render), so that time to first byte compares like
// with like.
export const dynamic = "force-dynamic";

export default function Page() {
  return <p>A bare Next.js page.</p>;
}
