/**
 * Parser fixtures: each folder under tests/fixtures/parse/ holds `input.txt` and the model the
 * parser must yield (`expected.json`). Regenerate on purpose with `UPDATE=1 npm run test:unit`,
 * then review the diff like any other change.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBrief } from "@/lib/content/pipeline";
import { rebuildSource } from "@/lib/content/rebuild-source";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "parse");

describe.each(readdirSync(fixtures).sort())("fixture %s", (name) => {
  const input = readFileSync(join(fixtures, name, "input.txt"), "utf8");
  const { document, problems } = parseBrief(input, { path: "input.txt" });

  it("yields the expected document model and problems", () => {
    const actual = { document, problems };
    const expectedFile = join(fixtures, name, "expected.json");
    if (process.env.UPDATE === "1" || !existsSync(expectedFile)) {
      writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, "utf8")));
  });

  it("loses no character of the (NFC) source", () => {
    expect(rebuildSource(document)).toBe(input.normalize("NFC"));
  });
});
