/** The one rule for stored text (lib/text/stored-text.ts), and every schema that takes text using it. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { firstProblem } from "@/lib/domain/errors";
import { createAnnotationSchema, patchAnnotationSchema } from "@/lib/domain/annotation";
import { createApiTokenSchema } from "@/lib/domain/api-token";
import { searchQuerySchema } from "@/lib/domain/search";
import { BIDI_MESSAGE, ILL_FORMED_MESSAGE, illFormedString, isWellFormed, NUL_MESSAGE, storedText } from "@/lib/text/stored-text";
import { webAnnotationInputSchema } from "@/lib/w3c/web-annotation";
import { selectorSchema } from "@/lib/w3c/selectors";

/** A string with one lone surrogate somewhere in it. */
const loneSurrogate = fc
  .tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 10 }))
  .map(([before, unit, after]) => `${before}${String.fromCharCode(unit)}${after}`)
  .filter((text) => !isWellFormed(text));

function problemOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? null : firstProblem(result.error);
}

describe("storedText", () => {
  it("refuses any string with a lone surrogate, and keeps every well-formed one (as NFC)", () => {
    fc.assert(
      fc.property(loneSurrogate, (text) => {
        expect(storedText().safeParse(text).error?.issues[0].message).toBe(ILL_FORMED_MESSAGE);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }).filter((text) => !text.includes("\u0000")), (text) => {
        expect(storedText().parse(text)).toBe(text.normalize("NFC"));
      }),
    );
  });

  it("tells a pair from a lone half", () => {
    expect(isWellFormed("🇰🇷 \ud83d\ude00")).toBe(true);
    for (const text of ["\ud800", "x\udc00", "\ud83d", "\ude00\ud83d", "a\ud800b"]) expect(isWellFormed(text), JSON.stringify(text)).toBe(false);
  });

  it("refuses U+0000, and bidirectional controls in labels only", () => {
    expect(storedText().safeParse("a\u0000b").error?.issues[0].message).toBe(NUL_MESSAGE);
    for (const control of ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(storedText({ label: true }).safeParse(`evil${control}txt.exe`).error?.issues[0].message).toBe(BIDI_MESSAGE);
      expect(storedText().safeParse(`quote ${control}עברית`).success).toBe(true);
    }
    // Marks that only hint a direction are fine in a label.
    expect(storedText({ label: true }).safeParse("이름\u200f").success).toBe(true);
  });

  it("normalizes decomposed Hangul to NFC", () => {
    expect(storedText().parse("영국과".normalize("NFD"))).toBe("영국과");
  });
});

describe("every schema that takes text refuses a lone surrogate, naming the field", () => {
  const quote = { blockId: "c-1", quote: { exact: "x" }, position: { start: 0, end: 1 } };
  const cases: [string, z.ZodType, (bad: string) => unknown, string][] = [
    ["note body", createAnnotationSchema, (bad) => ({ brief: "b", target: quote, body: bad }), "body"],
    ["tag", createAnnotationSchema, (bad) => ({ brief: "b", target: quote, tags: ["ok", bad] }), "tags.1"],
    ["quote", createAnnotationSchema, (bad) => ({ brief: "b", target: { ...quote, quote: { exact: bad } } }), "target.quote.exact"],
    ["block id", createAnnotationSchema, (bad) => ({ brief: "b", target: { ...quote, blockId: bad } }), "target.blockId"],
    ["parent id", createAnnotationSchema, (bad) => ({ parentId: bad, body: "x" }), "parentId"],
    ["patched body", patchAnnotationSchema, (bad) => ({ body: bad }), "body"],
    ["token name", createApiTokenSchema, (bad) => ({ name: bad }), "name"],
    ["search query", searchQuerySchema, (bad) => ({ q: bad }), "q"],
    ["W3C body value", webAnnotationInputSchema, (bad) => ({ target: "/entities/jp", body: { type: "TextualBody", value: bad } }), "body.value"],
    ["W3C id", webAnnotationInputSchema, (bad) => ({ id: bad, target: "/entities/jp" }), "id"],
    ["W3C target", webAnnotationInputSchema, (bad) => ({ target: bad }), "target"],
    ["quote selector", selectorSchema, (bad) => ({ type: "TextQuoteSelector", exact: bad }), "exact"],
    ["fragment selector", selectorSchema, (bad) => ({ type: "FragmentSelector", value: bad }), "value"],
  ];
  for (const [name, schema, input, field] of cases) {
    it(name, () => {
      fc.assert(
        fc.property(loneSurrogate, (bad) => {
          const problem = problemOf(schema, input(bad));
          expect(problem?.message).toBe(ILL_FORMED_MESSAGE);
          // The field is named apart from the message, never inside it.
          expect(problem?.field.startsWith(field.split(".")[0])).toBe(true);
        }),
        { numRuns: 20 },
      );
    });
  }

  it("refuses bidirectional overrides in tags and token names, not in bodies", () => {
    expect(problemOf(createAnnotationSchema, { brief: "b", target: quote, tags: ["a\u202eb"] })).toMatchObject({ field: "tags.0", message: BIDI_MESSAGE });
    expect(problemOf(createApiTokenSchema, { name: "\u2067token" })).toMatchObject({ field: "name", message: BIDI_MESSAGE });
    expect(problemOf(createAnnotationSchema, { brief: "b", target: quote, body: "a\u202eb" })).toBeNull();
  });
});

describe("illFormedString (the JSON edge)", () => {
  it("finds a lone surrogate anywhere in a parsed body, naming its path", () => {
    expect(illFormedString(JSON.parse('{"a":[1,{"b":"x\\ud800"}]}'))).toEqual({ field: "a.1.b", message: ILL_FORMED_MESSAGE });
    expect(illFormedString(JSON.parse('{"k\\udc00":1}'))?.field).toBe("(body)");
    expect(illFormedString(JSON.parse('{"a":"\\ud83d\\ude00"}'))).toBeNull();
  });
});
