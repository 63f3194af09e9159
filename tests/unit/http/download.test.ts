import { describe, expect, it } from "vitest";
import { attachment } from "@/lib/http/download";

describe("attachment", () => {
  it("names the file plainly and RFC 8187-encoded", () => {
    expect(attachment("notes.md")).toBe("attachment; filename=\"notes.md\"; filename*=UTF-8''notes.md");
    expect(attachment('노트 "1".md')).toBe("attachment; filename=\"__ _1_.md\"; filename*=UTF-8''%EB%85%B8%ED%8A%B8%20%221%22.md");
  });
});
