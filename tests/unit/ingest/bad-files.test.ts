/** Every file the converters refuse, with the code the UI will translate. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convertBriefText } from "@/lib/ingest/brief-text";
import { convertUpload } from "@/lib/ingest/convert";
import { convertDocx } from "@/lib/ingest/docx";
import { convertMarkdown } from "@/lib/ingest/markdown";
import { convertPdf } from "@/lib/ingest/pdf";
import { sniffFormat } from "@/lib/ingest/sniff";
import type { IngestErrorCode } from "@/lib/ingest/types";
import { repack } from "@/lib/ingest/zip";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "ingest");
const fixture = (name: string, file: string) => new Uint8Array(readFileSync(join(fixtures, name, file)));

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<IngestErrorCode | "no error"> {
  try {
    await (typeof promise === "function" ? promise() : promise);
    return "no error";
  } catch (error) {
    return (error as { code: IngestErrorCode }).code;
  }
}

describe("files that cannot be converted", () => {
  it.each([
    ["a scan (an image, no text layer)", "pdf-scan", "input.pdf", "no-text-layer"],
    ["an encrypted PDF", "pdf-encrypted", "input.pdf", "encrypted"],
    ["a truncated PDF", "pdf-corrupt", "input.pdf", "corrupt"],
    ["a zip bomb posing as DOCX (1000:1)", "docx-zip-bomb", "input.docx", "zip-bomb"],
    ["a zip bomb whose directory lies about its sizes", "docx-zip-bomb-lying", "input.docx", "zip-bomb"],
  ])("refuses %s", async (_what, name, file, code) => {
    expect(await codeOf(convertUpload(fixture(name, file), { filename: file }))).toBe(code);
  }, 30_000);

  it("refuses an empty file and one over the size limit", async () => {
    expect(await codeOf(convertUpload(new Uint8Array(0)))).toBe("empty-file");
    expect(await codeOf(convertUpload(new Uint8Array(2048).fill(65), { maxBytes: 1024 }))).toBe("too-large");
  });

  it("refuses what is neither PDF, DOCX nor UTF-8 text", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await codeOf(convertUpload(png))).toBe("unsupported-type");
    expect(await codeOf(convertUpload(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xc3, 0x28])))).toBe("unsupported-type");
    const zip = repack(new Map([["hello.txt", new TextEncoder().encode("hi")]]));
    expect(await codeOf(convertUpload(new Uint8Array(zip)))).toBe("unsupported-type");
  });

  it("calls invalid UTF-8 corrupt when the caller already said it is text", async () => {
    expect(await codeOf(() => convertBriefText(new Uint8Array([0xe2, 0x96, 0x41])))).toBe("corrupt");
    expect(await codeOf(() => convertMarkdown(new Uint8Array([0xc3, 0x28])))).toBe("corrupt");
  });

  it("calls a text with nothing in it no-content", async () => {
    expect(await codeOf(() => convertMarkdown(new TextEncoder().encode("\n\n   \n")))).toBe("no-content");
  });

  it("refuses a PDF with more pages than allowed", async () => {
    expect(await codeOf(convertPdf(fixture("pdf-lib-numbered", "input.pdf"), { maxPages: 2 }))).toBe("too-large");
  }, 30_000);

  it("refuses a DOCX whose entries add up to more than the bound, before inflating anything", async () => {
    const docx = fixture("docx-headings", "input.docx");
    expect(await codeOf(convertDocx(docx, { maxTotalBytes: 1000, maxRatio: 100, largeEntryBytes: 1 << 20, maxEntries: 100 }))).toBe("zip-bomb");
    expect(await codeOf(convertDocx(docx, { maxTotalBytes: 1 << 30, maxRatio: 100, largeEntryBytes: 1 << 20, maxEntries: 3 }))).toBe("zip-bomb");
  });
});

describe("sniffFormat", () => {
  it("tells the formats by their bytes, with the name as a hint for text", () => {
    expect(sniffFormat(fixture("pdf-scan", "input.pdf"))).toBe("pdf");
    expect(sniffFormat(fixture("docx-headings", "input.docx"))).toBe("docx");
    expect(sniffFormat(fixture("brief-text", "input.txt"))).toBe("brief");
    expect(sniffFormat(fixture("markdown-brief", "input.md"))).toBe("markdown");
    expect(sniffFormat(new TextEncoder().encode("제목\n■ 섹션\n❍ 주장"), { filename: "x.md" })).toBe("markdown");
    expect(sniffFormat(new TextEncoder().encode("# 제목\n\n본문"))).toBe("markdown");
    expect(sniffFormat(new TextEncoder().encode("# PDF 파일은 `%PDF-1.7`로 시작한다"))).toBe("markdown");
  });
});
