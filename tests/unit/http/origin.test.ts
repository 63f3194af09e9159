import { describe, expect, it } from "vitest";
import { configuredOrigin, publicOrigin } from "@/lib/http/origin";

const request = (headers: Record<string, string> = {}) => new Request("http://localhost:3000/api/x", { headers });

describe("publicOrigin without PUBLIC_ORIGIN", () => {
  it("is the host the client addressed, not the name the server listens on", () => {
    expect(publicOrigin(request({ host: "127.0.0.1:4100" }), null)).toBe("http://127.0.0.1:4100");
    expect(publicOrigin(request({ host: "reader.example", "x-forwarded-proto": "https" }), null)).toBe("https://reader.example");
  });

  it("falls back to the request URL when the Host header is missing or malformed", () => {
    expect(publicOrigin(request(), null)).toBe("http://localhost:3000");
    expect(publicOrigin(request({ host: "evil.example/path?x=" }), null)).toBe("http://localhost:3000");
    expect(publicOrigin(request({ host: "reader.example", "x-forwarded-proto": "javascript" }), null)).toBe("http://reader.example");
  });
});

describe("publicOrigin with PUBLIC_ORIGIN", () => {
  it("is the configured origin whatever Host and X-Forwarded-Proto the client sent", () => {
    const configured = configuredOrigin("https://reader.example.org/");
    expect(configured).toBe("https://reader.example.org");
    const variants: Record<string, string>[] = [{}, { host: "127.0.0.1:4100" }, { host: "evil.example", "x-forwarded-proto": "http" }];
    for (const headers of variants) {
      expect(publicOrigin(request(headers), configured)).toBe("https://reader.example.org");
    }
  });

  it("keeps scheme, host and port only, and ignores what is not an http(s) URL", () => {
    expect(configuredOrigin("https://Reader.Example.org:8443/some/path?x#y")).toBe("https://reader.example.org:8443");
    expect(configuredOrigin("http://localhost:3000")).toBe("http://localhost:3000");
    for (const value of [undefined, "", "  ", "reader.example.org", "ftp://reader.example.org", "javascript:alert(1)"]) expect(configuredOrigin(value)).toBeNull();
  });
});
