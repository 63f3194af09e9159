/** Prisma's error codes, read the same way on both providers (the driver adapters report them alike). */

/** True when `error` is Prisma's known request error with this code (P2002 unique, P2025 not found, …). */
export function isPrismaCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

/**
 * True for a unique constraint that refused a row: P2002 from a model query, a raw query's
 * P2010 whose driver adapter says so (both providers' adapters name the kind alike), or the
 * adapter's own error for a statement sent past Prisma's engine (lib/database/direct-sql.ts).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (isPrismaCode(error, "P2002")) return true;
  if (error instanceof Error && error.name === "DriverAdapterError") return (error.cause as { kind?: unknown } | undefined)?.kind === "UniqueConstraintViolation";
  if (!isPrismaCode(error, "P2010")) return false;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } }).meta;
  return meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}
