#!/usr/bin/env node
// `npm run audit`: fails when a production dependency has a known high or critical vulnerability
// (`npm audit --omit=dev`). When the registry's audit endpoint cannot be reached — no network, or
// a registry mirror that does not serve it (it answers 405 to npm's POST) — it prints
// "skipped: registry unreachable" and passes: a closed network is not a finding. Any other
// failure to get a report fails. AUDIT_REPORT_FILE reads a saved `npm audit --json` report
// instead of running npm (for its tests).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { root } from "./lib.mjs";

const FAILING = ["high", "critical"];
const NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "ECONNABORTED", "EPROTO", "CERT_HAS_EXPIRED"]);

function report() {
  if (process.env.AUDIT_REPORT_FILE) return readFileSync(process.env.AUDIT_REPORT_FILE, "utf8");
  const result = spawnSync("npm", ["audit", "--omit=dev", "--json"], { cwd: root, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return result.stdout;
}

/** What to make of `npm audit --json` output: { outcome: "pass" | "fail" | "skipped", lines }. */
export function verdict(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { outcome: "fail", lines: ["audit: npm audit gave no JSON report:", text.slice(0, 500)] };
  }
  if (parsed.auditReportVersion && parsed.vulnerabilities) {
    const counts = parsed.metadata?.vulnerabilities ?? {};
    const found = Object.values(parsed.vulnerabilities).filter((entry) => FAILING.includes(entry.severity));
    const summary = `audit: production dependencies: ${["critical", "high", "moderate", "low", "info"].map((level) => `${counts[level] ?? 0} ${level}`).join(", ")}`;
    if (found.length === 0) return { outcome: "pass", lines: [summary] };
    return {
      outcome: "fail",
      lines: [
        summary,
        ...found.map((entry) => {
          const advisories = entry.via.filter((via) => typeof via === "object").map((via) => `${via.title} (${via.url})`);
          return `  ${entry.severity}: ${entry.name} ${entry.range}${advisories.length ? ` — ${advisories.join("; ")}` : ` — through ${entry.via.join(", ")}`}${entry.fixAvailable ? " — a fix is available (npm audit fix --omit=dev)" : ""}`;
        }),
      ],
    };
  }
  const code = parsed.error?.code ?? parsed.code;
  const status = parsed.statusCode;
  if (NETWORK_CODES.has(code) || (typeof status === "number" && (status === 404 || status === 405 || status === 501 || status >= 500))) {
    return { outcome: "skipped", lines: [`skipped: registry unreachable (${status ? `HTTP ${status}` : code}${parsed.uri ? ` from ${parsed.uri}` : ""})`] };
  }
  return { outcome: "fail", lines: [`audit: npm audit failed: ${parsed.message ?? parsed.error?.summary ?? JSON.stringify(parsed).slice(0, 300)}`] };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { outcome, lines } = verdict(report());
  for (const line of lines) console.log(line);
  process.exit(outcome === "fail" ? 1 : 0);
}
