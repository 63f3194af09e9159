import { describe, expect, it } from "vitest";
import { attachment, requestOrigin } from "@/lib/http/download";

describe("requestOrigin", () => {
  it("is the host the client addressed, not the name the server listens on", () => {
    expect(requestOrigin(new Request("http://localhost:3000/api/x", { headers: { host: "127.0.0.1:4100" } }))).toBe("http://127.0.0.1:4100");
    expect(requestOrigin(new Request("http://localhost:3000/api/x", { headers: { host: "reader.example", "x-forwarded-proto": "https" } }))).toBe("https://reader.example");
  });

  it("falls back to the request URL when the Host header is missing or malformed", () => {
    expect(requestOrigin(new Request("http://localhost:3000/api/x"))).toBe("http://localhost:3000");
    expect(requestOrigin(new Request("http://localhost:3000/api/x", { headers: { host: "evil.example/path?x=" } }))).toBe("http://localhost:3000");
    expect(requestOrigin(new Request("http://localhost:3000/api/x", { headers: { host: "reader.example", "x-forwarded-proto": "javascript" } }))).toBe("http://reader.example");
  });
});

describe("attachment", () => {
  it("names the file plainly and RFC 8187-encoded", () => {
    expect(attachment("notes.md")).toBe("attachment; filename=\"notes.md\"; filename*=UTF-8''notes.md");
    expect(attachment('노트 "1".md')).toBe("attachment; filename=\"__ _1_.md\"; filename*=UTF-8''%EB%85%B8%ED%8A%B8%20%221%22.md");
  });
});
