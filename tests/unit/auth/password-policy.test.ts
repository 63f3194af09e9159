/** The password policy (lib/auth/password-policy.ts). */
import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/auth/password-policy";

describe("passwordProblem", () => {
  it("asks for 10 code points, at most 128", async () => {
    expect((await passwordProblem("nine char"))?.code).toBe("PASSWORD_TOO_SHORT");
    expect(await passwordProblem("비밀번호는열글자미만")).toBeNull();
    expect((await passwordProblem("😀".repeat(9)))?.code).toBe("PASSWORD_TOO_SHORT");
    expect((await passwordProblem("x".repeat(129)))?.code).toBe("PASSWORD_TOO_LONG");
  });

  it("refuses the common ones whatever their case, and the account's own email", async () => {
    for (const common of ["qwertyuiop", "QWERTYUIOP", "1234567890", "password123", "basketball", "1q2w3e4r5t"]) expect((await passwordProblem(common))?.code, common).toBe("PASSWORD_TOO_COMMON");
    expect((await passwordProblem("reader@example.org", { email: "Reader@example.org" }))?.code).toBe("PASSWORD_TOO_COMMON");
    expect(await passwordProblem("correct horse battery staple")).toBeNull();
  });
});
