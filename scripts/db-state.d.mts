// Types of scripts/db-state.mjs, for the tests that import it.
export function seedStamp(root: string): string;
export function seedScope(stamp: string): string;
export function migrationNames(root: string, provider: "sqlite" | "postgresql"): string[];
export function databaseState(options: { url: string; root: string; provider: "sqlite" | "postgresql"; stamp: string }): Promise<{ migrated: boolean; seeded: boolean }>;
