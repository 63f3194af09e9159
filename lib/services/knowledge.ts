/**
 * The knowledge base as this process holds it, for reading: every entity, agreement record and
 * editor's mention decision from the database, as one snapshot kept until the knowledge version
 * changes (checked at most every CHECK_MS, one primary-key lookup), and the linker's index of it.
 * Only reads: changes go through lib/services/knowledge-editing.ts, which tells this module when
 * it wrote, so this process sees its own change at once and others within CHECK_MS.
 *
 * Rules: a revision is linked with the entities and records of the snapshot and with the curated
 * decisions anchored on that very revision (an orphaned one applies nowhere); the parse cache is
 * keyed by both, so a brief is re-parsed only when something it is linked with changed.
 */
import "server-only";
import type { CuratedSpan } from "@/lib/content/linking/curated-mentions";
import { buildEntityIndex, type EntityIndex } from "@/lib/content/linking/entity-index";
import { type Registry, registryOf } from "@/lib/content/registry";
import type { Linking } from "@/lib/content/revision-cache";
import { listAgreementRows, type StoredAgreement } from "@/lib/db/agreements";
import { listCuratedMentions, type StoredCuratedMention } from "@/lib/db/curated-mentions";
import { listEntityRows, type StoredEntity } from "@/lib/db/entities";
import { knowledgeVersion } from "@/lib/db/knowledge-changes";
import { db } from "@/lib/database/prisma";
import type { EntityInput } from "@/lib/domain/entity";

/** How stale another process's change to the knowledge base may be when this one reads. */
const CHECK_MS = 250;

/** The knowledge base at one version: the registry the app reads, plus what editing needs. */
export interface KnowledgeSnapshot extends Registry {
  version: number;
  /** The entities as stored (with versions and places), records left out. */
  stored: StoredEntity[];
  storedById: Map<string, StoredEntity>;
  records: StoredAgreement[];
  recordsById: Map<string, StoredAgreement>;
  index: EntityIndex;
  /** Each brief's curated decisions, in the order they were made. */
  curated: Map<string, StoredCuratedMention[]>;
  /** The spans of each `slug@sha` (made once per snapshot). */
  spans: Map<string, CuratedSpan[]>;
}

interface KnowledgeState {
  snapshot: KnowledgeSnapshot | null;
  checkedAt: number;
  checking: Promise<KnowledgeSnapshot> | null;
}

// On globalThis, not in module scope: Next bundles routes and pages apart, and all must share one.
const holder = globalThis as unknown as { briefReaderKnowledge?: KnowledgeState };
function state(): KnowledgeState {
  holder.briefReaderKnowledge ??= { snapshot: null, checkedAt: 0, checking: null };
  return holder.briefReaderKnowledge;
}

/** An entity's fields as the app shows them (no storage details). */
function plainEntity(entity: StoredEntity): EntityInput {
  const { version: _version, position: _position, seedHash: _seedHash, ...fields } = entity;
  return fields;
}

async function read(version: number, previous: KnowledgeSnapshot | null): Promise<KnowledgeSnapshot> {
  const [stored, records, curatedRows] = await Promise.all([listEntityRows(db()), listAgreementRows(db()), listCuratedMentions(db())]);
  const registry = registryOf(stored.map(plainEntity), records);
  // The same content under a new version (a dismissed suggestion, a curated mention) keeps the index.
  const index = previous && previous.signature === registry.signature ? previous.index : buildEntityIndex(registry.entities);
  const curated = new Map<string, StoredCuratedMention[]>();
  for (const mention of curatedRows) {
    const list = curated.get(mention.briefSlug) ?? [];
    list.push(mention);
    curated.set(mention.briefSlug, list);
  }
  return {
    ...registry,
    version,
    stored,
    storedById: new Map(stored.map((entity) => [entity.id, entity])),
    records,
    recordsById: new Map(records.map((record) => [record.id, record])),
    index,
    curated,
    spans: new Map(),
  };
}

async function refresh(current: KnowledgeState): Promise<KnowledgeSnapshot> {
  const version = await knowledgeVersion(db());
  if (current.snapshot && current.snapshot.version === version) return current.snapshot;
  return read(version, current.snapshot);
}

/** The knowledge base as of at most CHECK_MS ago (or this process's last write). */
export async function knowledgeSnapshot(): Promise<KnowledgeSnapshot> {
  const current = state();
  if (current.snapshot && Date.now() - current.checkedAt < CHECK_MS) return current.snapshot;
  current.checking ??= refresh(current)
    .then((snapshot) => {
      current.snapshot = snapshot;
      current.checkedAt = Date.now();
      return snapshot;
    })
    .finally(() => {
      current.checking = null;
    });
  return current.checking;
}

/** The registry the app reads: entities, records and their data, from the database. */
export async function loadKnowledge(): Promise<KnowledgeSnapshot> {
  return knowledgeSnapshot();
}

/** After this process changed the knowledge base: the next read asks the database again. */
export function knowledgeChanged(): void {
  state().checkedAt = 0;
}

/** The curated decisions placed on one revision of a brief, as the linker takes them. */
export function spansOn(snapshot: KnowledgeSnapshot, slug: string, sha256: string): CuratedSpan[] {
  const key = `${slug}@${sha256}`;
  let spans = snapshot.spans.get(key);
  if (!spans) {
    spans = (snapshot.curated.get(slug) ?? [])
      .filter((mention) => mention.anchorSha === sha256 && mention.anchorStatus !== "orphaned")
      .map((mention) => ({ id: mention.id, blockId: mention.blockId, start: mention.start, end: mention.end, entityId: mention.entityId }));
    snapshot.spans.set(key, spans);
  }
  return spans;
}

/** What a revision of a brief is linked with now. */
export async function linkingFor(slug: string, sha256: string): Promise<Linking> {
  const snapshot = await knowledgeSnapshot();
  return { signature: snapshot.signature, index: snapshot.index, curated: spansOn(snapshot, slug, sha256), known: (id) => snapshot.byId.has(id) };
}
