import { describe, expect, it } from "vitest";
import { errorText, fieldName } from "@/lib/i18n/errors";

describe("errorText", () => {
  it("words an error by its code and field in the reader's language, never the server's English", () => {
    const problem = { status: 400, code: "invalid_input", message: "Too small: expected string to have >=1 characters", field: "tags.2" };
    expect(errorText("ko", problem)).toBe("태그 값을 확인하세요.");
    expect(errorText("en", problem)).toBe("Please check the tags.");
    expect(errorText("ko", problem)).not.toContain("Too small");
  });

  it("puts the right particle after a field's name", () => {
    expect(errorText("ko", { status: 413, code: "too_large", field: "body" })).toBe("내용이 너무 깁니다.");
    expect(errorText("ko", { status: 404, code: "not_found", field: "target.source" })).toBe("브리프를 찾을 수 없습니다.");
  });

  it("words better-auth's sign-in errors", () => {
    expect(errorText("ko", { status: 401, code: "INVALID_EMAIL_OR_PASSWORD" })).toBe("이메일이나 비밀번호가 맞지 않습니다.");
    expect(errorText("en", { status: 422, code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" })).toContain("exists");
  });

  it("falls back on the status for a code it does not know, and on a general message", () => {
    expect(errorText("ko", { status: 429, code: "TOO_MANY" })).toBe("요청이 너무 많습니다. 잠시 뒤에 다시 시도하세요.");
    expect(errorText("en", { status: 503 })).toBe("Something went wrong on the server. Please try again in a moment.");
    expect(errorText("ko", new Error("boom"))).toBe("서버에서 문제가 생겼습니다. 잠시 뒤에 다시 시도하세요.");
    expect(errorText("en", { status: 0, code: "network" })).toContain("Could not reach the server");
  });
});

describe("fieldName", () => {
  it("names the last known part of a dotted path", () => {
    expect(fieldName("ko", "target.quote.exact")).toBe("인용");
    expect(fieldName("en", "(root)")).toBeNull();
  });
});
