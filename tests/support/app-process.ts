/** Starting the built app as a child process: shared by the test setup, tests and benchmarks. */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

/** A TCP port on loopback that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Waits until the app answers `GET <path>` (the briefs API by default); fails with its log if it exits or takes over 60 s. */
export async function waitUntilUp(url: string, child: ChildProcess, log: string, path = "/api/briefs"): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited (${child.exitCode}):\n${readFileSync(log, "utf8")}`);
    try {
      if ((await fetch(`${url}${path}`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`The app did not answer at ${url} within 60 s:\n${readFileSync(log, "utf8")}`);
}

/**
 * Starts the built app on loopback at `port` the way `npm start` serves it (scripts/serve.mjs:
 * Next behind the edge that settles forwarded headers), its output written to `log`.
 */
export function startNext(options: { root: string; port: number; env: NodeJS.ProcessEnv; log: string; nodeArgs?: string[] }): { child: ChildProcess; url: string } {
  const out = createWriteStream(options.log);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(options.root, "scripts", "serve.mjs"), "-p", String(options.port), "-H", "127.0.0.1"], {
    cwd: options.root,
    env: { ...options.env, PORT: String(options.port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return { child, url: `http://127.0.0.1:${options.port}` };
}
