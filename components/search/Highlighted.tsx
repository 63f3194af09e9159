import type { SearchSnippet } from "@/lib/domain/search";

/**
 * A snippet with its matches in `<mark>`: the text is cut at the ranges (code points) and each
 * piece rendered as text by React, so nothing in a note or the brief is ever read as HTML.
 */
export function Highlighted({ snippet }: { snippet: SearchSnippet }) {
  const points = Array.from(snippet.text);
  const pieces: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const range of snippet.highlights) {
    if (range.start > at) pieces.push({ text: points.slice(at, range.start).join(""), marked: false });
    pieces.push({ text: points.slice(Math.max(at, range.start), range.end).join(""), marked: true });
    at = Math.max(at, range.end);
  }
  if (at < points.length) pieces.push({ text: points.slice(at).join(""), marked: false });
  return (
    <>
      {snippet.before && "…"}
      {pieces.map((piece, index) => (piece.marked ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>))}
      {snippet.after && "…"}
    </>
  );
}
