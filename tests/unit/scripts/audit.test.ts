/** scripts/audit.mjs on saved `npm audit --json` reports: what fails, what passes, what is skipped. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "audit-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function audit(report: unknown) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof report === "string" ? report : JSON.stringify(report));
  const result = spawnSync(process.execPath, ["scripts/audit.mjs"], { cwd: root, env: { ...process.env, AUDIT_REPORT_FILE: file }, encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

const counts = (levels: Partial<Record<"info" | "low" | "moderate" | "high" | "critical", number>>) => ({
  vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...levels },
});

const vulnerability = (name: string, severity: string) => ({
  name,
  severity,
  isDirect: true,
  via: [{ source: 1, name, title: `A ${severity} problem in ${name}`, url: `https://github.com/advisories/GHSA-${name}`, severity, range: "<2.0.0" }],
  effects: [],
  range: "<2.0.0",
  nodes: [`node_modules/${name}`],
  fixAvailable: true,
});

describe("npm run audit", () => {
  it("passes a report with no findings, and one with only moderate and low ones", () => {
    expect(audit({ auditReportVersion: 2, vulnerabilities: {}, metadata: counts({}) }).status).toBe(0);
    const minor = audit({ auditReportVersion: 2, vulnerabilities: { a: vulnerability("a", "moderate"), b: vulnerability("b", "low") }, metadata: counts({ moderate: 1, low: 1 }) });
    expect(minor.status).toBe(0);
    expect(minor.output).toContain("0 critical, 0 high, 1 moderate, 1 low");
  });

  it("fails on a high or a critical finding, naming the package and the advisory", () => {
    for (const severity of ["high", "critical"]) {
      const result = audit({ auditReportVersion: 2, vulnerabilities: { "some-lib": vulnerability("some-lib", severity) }, metadata: counts({ [severity]: 1 }) });
      expect(result.status).toBe(1);
      expect(result.output).toContain(`${severity}: some-lib <2.0.0`);
      expect(result.output).toContain("GHSA-some-lib");
    }
  });

  it("says it was skipped, and passes, when the audit endpoint cannot be reached", () => {
    const mirror = audit({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405, uri: "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk" });
    expect(mirror.status).toBe(0);
    expect(mirror.output).toMatch(/^skipped: registry unreachable \(HTTP 405/);
    const offline = audit({ error: { code: "ENOTFOUND", summary: "request to https://registry.npmjs.org failed", detail: "" } });
    expect(offline.status).toBe(0);
    expect(offline.output).toContain("skipped: registry unreachable (ENOTFOUND)");
  });

  it("fails when npm gives no report for any other reason", () => {
    expect(audit("npm ERR! something else").status).toBe(1);
    expect(audit({ message: "401 Unauthorized", statusCode: 401 }).status).toBe(1);
    expect(audit({ error: { code: "ENOLOCK", summary: "This command requires an existing lockfile." } }).status).toBe(1);
  });
});
