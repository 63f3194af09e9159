#!/usr/bin/env node
// `npm start`: migrate and seed the database (SQLite, or PostgreSQL with DATABASE_URL=postgresql://…)
// when it needs it, build if anything changed (the two side by side), then serve the reader on PORT
// (default 3000); the server process starts loading meanwhile. Stops cleanly on Ctrl-C or SIGTERM.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { redact, root, scriptEnv } from "./lib.mjs";

const env = scriptEnv();
const port = env.PORT?.trim() || "3000";

const steps = new Set();
/** Runs a script of this folder with the inherited output; resolves when it exited 0, else stops the other steps and exits. */
function step(args) {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" });
    steps.add(child);
    child.on("exit", (code, signal) => {
      steps.delete(child);
      if (code === 0) return done();
      console.error(`\n✗ node ${args.join(" ")} failed (exit ${code ?? signal})`);
      for (const other of steps) other.kill("SIGTERM");
      process.exit(code ?? 1);
    });
  });
}

// The server is started at once when there is a build to serve: it loads Node and Next (about
// 0.3 s of the start) while the two steps run, and waits for the word to go on before it reads the build or
// the database. Without a build yet it starts after them, and so it does with SERVE_EARLY=0 (to compare).
const held = env.SERVE_EARLY !== "0" && existsSync(join(root, ".next", "BUILD_ID"));
const server = held ? serveProcess(true) : null;
if (server) steps.add(server);

// The two are independent (the database, and the build in .next/): run them side by side. Each is
// quick when there is nothing to do (prepare-db skips what the database already has).
await Promise.all([step(["scripts/prepare-db.mjs"]), step(["scripts/build.mjs", "--if-needed"])]);

console.log(`\nServing the reader on http://localhost:${port} (database: ${redact(env.DATABASE_URL)})\n`);
if (server) {
  steps.delete(server);
  server.send("go");
} else {
  serveProcess(false);
}

/**
 * scripts/serve.mjs, not `next start`: it decides which forwarded headers to trust (TRUST_PROXY),
 * answers what Next's router cannot, and stops gracefully. Held, it waits for "go" (SERVE_HELD).
 */
function serveProcess(hold) {
  const child = spawn(process.execPath, ["scripts/serve.mjs", "-p", port], { cwd: root, env: hold ? { ...env, SERVE_HELD: "1" } : env, stdio: hold ? ["inherit", "inherit", "inherit", "ipc"] : "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  return child;
}
