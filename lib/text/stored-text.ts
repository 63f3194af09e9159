/**
 * Text the database stores must be free of U+0000: PostgreSQL's text type cannot hold it
 * (SQLite can). Refusing it on every provider keeps a note's behaviour the same whichever
 * database serves it — a 400 naming the field, never a 500 from PostgreSQL.
 */
export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

export function containsNul(text: string): boolean {
  return text.includes("\u0000");
}
