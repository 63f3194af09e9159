// A prerendered page (no dynamic API: `next build` renders it once and `next start` serves the
// stored HTML), with about as much HTML as the reader page of the real brief: the baseline that
// bench/pages.ts divides the reader's throughput by. Its text is the real brief's source, in
// paragraphs, so that it compresses like the reader's.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Characters of text: the HTML (text, plus the same text again in Next's inline payload) comes to about 175 kB. */
const TEXT_CHARS = 30_000;

function paragraphs() {
  const source = readFileSync(join(process.cwd(), "content", "briefs", "japan-quasi-alliance", "source.txt"), "utf8");
  const lines = source.split("\n").filter((line) => line.trim() !== "");
  const out = [];
  let total = 0;
  for (let index = 0; total < TEXT_CHARS; index++) {
    const line = lines[index % lines.length];
    out.push(line);
    total += line.length;
  }
  return out;
}

export default function StaticPage() {
  return (
    <article>
      {paragraphs().map((line, index) => (
        <p key={index} id={`p${index}`}>
          {line}
        </p>
      ))}
    </article>
  );
}
