/**
 * Runs once when the server starts (Next's instrumentation hook). Its work is Node.js only
 * (instrumentation-node.ts): imported here behind the runtime check, as Next documents, so the
 * Edge build of this file never reaches `node:http`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { registerNode } = await import("./instrumentation-node");
  await registerNode();
}
