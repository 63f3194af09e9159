/** Account rules: who becomes admin, the session secret, allowed hosts and the scheme. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { allowedHosts, isHttps } from "@/lib/auth/auth";
import { authSecret } from "@/lib/auth/secret";
import { roleForNewAccount, roleOf } from "@/lib/domain/account";

describe("roleForNewAccount", () => {
  it("makes the first account admin when no admin email is named", () => {
    expect(roleForNewAccount("first@x.test", 0)).toBe("admin");
    expect(roleForNewAccount("second@x.test", 1)).toBe("member");
  });

  it("makes only the named email admin when ADMIN_EMAIL is set, first or not", () => {
    expect(roleForNewAccount("stranger@x.test", 0, "boss@x.test")).toBe("member");
    expect(roleForNewAccount("Boss@X.test", 7, " boss@x.test ")).toBe("admin");
  });

  it("reads anything but admin as member", () => {
    expect(roleOf("admin")).toBe("admin");
    expect(roleOf("root")).toBe("member");
    expect(roleOf(undefined)).toBe("member");
  });
});

describe("authSecret", () => {
  const dirs: string[] = [];
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), "secret-"));
    dirs.push(dir);
    return join(dir, "nested", "auth-secret");
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("prefers BETTER_AUTH_SECRET and writes no file then", () => {
    const file = tempFile();
    expect(authSecret({ BETTER_AUTH_SECRET: "from-the-environment-0123456789abcdef", AUTH_SECRET_FILE: file })).toBe("from-the-environment-0123456789abcdef");
    expect(() => statSync(file)).toThrow();
  });

  it("makes a random secret at first start, readable by its owner only, and returns the same one after", () => {
    const file = tempFile();
    const first = authSecret({ AUTH_SECRET_FILE: file });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(authSecret({ AUTH_SECRET_FILE: file })).toBe(first);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    const other = tempFile();
    expect(authSecret({ AUTH_SECRET_FILE: other })).not.toBe(first);
  });

  it("refuses a file that holds no usable secret rather than signing with it", () => {
    const file = tempFile();
    authSecret({ AUTH_SECRET_FILE: file });
    writeFileSync(file, "short\n");
    expect(() => authSecret({ AUTH_SECRET_FILE: file })).toThrow(/no usable secret/);
  });
});

describe("allowedHosts and isHttps", () => {
  it("allows localhost and 127.0.0.1 on any port, plus hosts named in the environment", () => {
    expect(allowedHosts({})).toEqual(expect.arrayContaining(["localhost:*", "127.0.0.1:*"]));
    const hosts = allowedHosts({ AUTH_ALLOWED_HOSTS: "reader.example.org, https://*.example.net/path", BETTER_AUTH_URL: "https://notes.example.com:8443/" });
    expect(hosts).toEqual(expect.arrayContaining(["reader.example.org", "*.example.net", "notes.example.com:8443"]));
    expect(hosts).not.toContain("*");
  });

  it("takes the scheme from X-Forwarded-Proto, else from the URL", () => {
    expect(isHttps(new Headers({ "x-forwarded-proto": "https" }), "http://a")).toBe(true);
    expect(isHttps(new Headers({ "x-forwarded-proto": "http" }), "https://a")).toBe(false);
    expect(isHttps(new Headers(), "https://a/x")).toBe(true);
    expect(isHttps(new Headers(), "http://a/x")).toBe(false);
  });
});
