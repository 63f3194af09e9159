/** Prisma's error codes, read the same way on both providers (the driver adapters report them alike). */

/** True when `error` is Prisma's known request error with this code (P2002 unique, P2025 not found, …). */
export function isPrismaCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

/** True for a unique constraint that refused a row (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return isPrismaCode(error, "P2002");
}
