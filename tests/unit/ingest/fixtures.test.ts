/**
 * Converter fixtures: each folder under tests/fixtures/ingest/ with a `known.txt` holds an upload
 * (`input.*`, made by make-fixtures.ts from a real brief's text) and the whole ConvertedBrief it
 * must give (`expected.json`). Regenerate on purpose with
 * `UPDATE=1 npx vitest run --project unit tests/unit/ingest`, then review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countsOf } from "@/lib/domain/brief";
import { parseBrief } from "@/lib/content/pipeline";
import { convertUpload } from "@/lib/ingest/convert";
import type { ConvertedBrief } from "@/lib/ingest/types";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "ingest");
const cases = readdirSync(fixtures)
  .filter((name) => existsSync(join(fixtures, name, "known.txt")))
  .sort();

const noSpace = (text: string) => text.replace(/\s+/gu, "");

describe.each(cases)("fixture %s", (name) => {
  const input = readdirSync(join(fixtures, name)).find((file) => file.startsWith("input."))!;
  const bytes = new Uint8Array(readFileSync(join(fixtures, name, input)));
  const known = readFileSync(join(fixtures, name, "known.txt"), "utf8");
  let converted: Promise<ConvertedBrief> | null = null;
  const convert = () => (converted ??= convertUpload(bytes, { filename: input }));

  it("gives the expected converted brief", async () => {
    const actual = await convert();
    const expectedFile = join(fixtures, name, "expected.json");
    if (process.env.UPDATE === "1" || !existsSync(expectedFile)) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, "utf8")));
  }, 30_000);

  it("parses without problems into the known text's sections, claims and points", async () => {
    const actual = await convert();
    const parsed = parseBrief(actual.source);
    expect(parsed.problems).toEqual([]);
    expect(countsOf(parsed.document)).toEqual(countsOf(parseBrief(known).document));
    expect(actual.problems).toEqual([]);
  }, 30_000);

  it("keeps every character of the known text, in order (whitespace aside)", async () => {
    const actual = await convert();
    expect(noSpace(actual.source)).toBe(noSpace(known));
  }, 30_000);

  it("puts each unit on one line, in NFC", async () => {
    const actual = await convert();
    expect(actual.source.normalize("NFC")).toBe(actual.source);
    expect(actual.source.split("\n").length).toBe(known.split("\n").length);
  }, 30_000);
});
