/**
 * Running `wrk` (Debian package `wrk`) against a URL and reading its figures: requests per second,
 * latency percentiles, errors. Shared by bench/pages.ts and bench/json.ts.
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";

export interface WrkResult {
  url: string;
  command: string;
  requestsPerSecond: number;
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Non-2xx/3xx answers plus socket errors (connect, read, write, timeout). */
  errors: number;
  /** os.loadavg() (1, 5, 15 minutes) just before and just after the run. */
  loadBefore: number[];
  loadAfter: number[];
}

const round = (value: number, digits = 2) => +value.toFixed(digits);

function milliseconds(value: string, unit: string): number {
  const number = Number(value);
  if (unit === "us") return number / 1000;
  if (unit === "ms") return number;
  if (unit === "s") return number * 1000;
  if (unit === "m") return number * 60_000;
  throw new Error(`wrk: unknown unit ${unit}`);
}

export function wrkAvailable(): boolean {
  return spawnSync("wrk", ["--version"], { encoding: "utf8" }).error === undefined;
}

/** One `wrk -t<threads> -c<connections> -d<seconds>s --latency` run, gzip accepted unless told otherwise. */
export function wrk(url: string, options: { threads?: number; connections?: number; seconds?: number; headers?: Record<string, string> } = {}): WrkResult {
  const threads = options.threads ?? 2;
  const connections = options.connections ?? 32;
  const seconds = options.seconds ?? 10;
  const headers = { "Accept-Encoding": "gzip", ...options.headers };
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--latency", ...Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]), url];
  const loadBefore = loadavg().map((value) => round(value));
  const run = spawnSync("wrk", args, { encoding: "utf8", timeout: (seconds + 60) * 1000 });
  const loadAfter = loadavg().map((value) => round(value));
  if (run.status !== 0) throw new Error(`wrk failed (${run.status}): ${run.stderr}\n${run.stdout}`);
  const out = run.stdout;
  const latency = (percent: string) => {
    const match = new RegExp(`^\\s*${percent}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(out);
    if (!match) throw new Error(`wrk: no ${percent}% latency in:\n${out}`);
    return round(milliseconds(match[1], match[2]));
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const total = /(\d+) requests in/.exec(out);
  if (!rps || !total) throw new Error(`wrk: cannot read:\n${out}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0;
  const command = `wrk ${args.map((arg) => (/[\s:]/.test(arg) ? `'${arg}'` : arg)).join(" ")}`;
  return { url, command, requestsPerSecond: round(Number(rps[1]), 1), requests: Number(total[1]), p50Ms: latency("50"), p90Ms: latency("90"), p99Ms: latency("99"), errors: non2xx + socketErrors, loadBefore, loadAfter };
}
