#!/usr/bin/env node
// `npm start`: migrate and seed the database (SQLite, or PostgreSQL with DATABASE_URL=postgresql://…),
// build if anything changed, then serve the reader on PORT (default 3000). Stops cleanly on Ctrl-C or SIGTERM.
import { spawn } from "node:child_process";
import { redact, root, run, scriptEnv } from "./lib.mjs";

const env = scriptEnv();
const port = env.PORT?.trim() || "3000";
run(process.execPath, ["scripts/prepare-db.mjs"], env);
run(process.execPath, ["scripts/build.mjs", "--if-needed"], env);

console.log(`\nServing the reader on http://localhost:${port} (database: ${redact(env.DATABASE_URL)})\n`);
// scripts/serve.mjs, not `next start`: it decides which forwarded headers to trust (TRUST_PROXY),
// answers what Next's router cannot, and stops gracefully.
const server = spawn(process.execPath, ["scripts/serve.mjs", "-p", port], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
