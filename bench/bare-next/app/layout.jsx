// A bare Next.js root layout: the baseline that bench/page-weight.ts and bench/page-speed.ts
// divide the reader's figures by. Plain JavaScript, so `next build` sets up no TypeScript here.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
