"use client";

/** Every entity, fetched once per page (the type-ahead's list), and a matcher over names and aliases in Korean and English. */
import { useEffect, useState } from "react";
import type { Entity } from "@/lib/domain/entity";
import { apiFetch } from "@/lib/http/client";

let shared: Promise<Entity[]> | null = null;

/** The entities (agreement records included); refetched after `forgetEntities()`. */
export function useEntities(): Entity[] {
  const [entities, setEntities] = useState<Entity[]>([]);
  useEffect(() => {
    let live = true;
    shared ??= apiFetch<Entity[]>("/api/entities").catch((error: unknown) => {
      shared = null;
      throw error;
    });
    shared.then((list) => live && setEntities(list)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return entities;
}

/** After an entity was made or changed: the next list is fetched anew. */
export function forgetEntities(): void {
  shared = null;
}

// Case and width folded, NFC, spaces ignored: what the type-ahead compares.
const fold = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");

/** The entities whose names or aliases contain the query, those that start with it first; at most `limit`. */
export function matchEntities(entities: readonly Entity[], query: string, limit = 8): Entity[] {
  const wanted = fold(query);
  if (!wanted) return entities.slice(0, limit);
  const scored: { entity: Entity; score: number }[] = [];
  for (const entity of entities) {
    const labels = [entity.names.ko, entity.names.en, entity.names.ja ?? "", entity.id, ...entity.aliases].map(fold);
    if (labels.some((label) => label === wanted)) scored.push({ entity, score: 0 });
    else if (labels.some((label) => label.startsWith(wanted))) scored.push({ entity, score: 1 });
    else if (labels.some((label) => label.includes(wanted))) scored.push({ entity, score: 2 });
  }
  return scored.sort((a, b) => a.score - b.score || a.entity.names.ko.localeCompare(b.entity.names.ko, "ko")).slice(0, limit).map((item) => item.entity);
}
