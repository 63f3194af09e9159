/**
 * Editors change the knowledge base here, and only here: entities (create, edit, merge), agreement
 * events (add, correct, remove), and the revert of any of those. Every change is validated with
 * the seed files' own zod schemas, written in one transaction with its log row (who, when, before,
 * after) and a new knowledge version, and seen by this process at once and by others within 250 ms.
 *
 * Rules:
 * - Editors and admins write; the routes check the role (401 signed out, 403 members).
 * - An entity's id is lower-case-with-hyphens, derived from its English name when not given; an id
 *   an entity or a record already has is a conflict (409 naming `id`).
 * - Editing an entity needs `If-Match` with its version (428 without, 412 when stale); events take
 *   `If-Match` when sent.
 * - A merge moves the merged entity's names and aliases onto the survivor (so the linker links them
 *   there), and its curated mentions and notes; the merged entity is removed. An entity that a
 *   record names as its party or kind is not merged away (the record ids are made of them).
 * - A brief's event must quote the brief's current text (400 naming `quote`).
 * - A revert puts the subject back as it was before the change, if it is still as the change left
 *   it (409 otherwise: revert the later change first), and is itself a change.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { blocksQuoting } from "@/lib/content/agreement-records";
import {
  createEventOperation,
  deleteEventOperation,
  findAgreementRow,
  agreementsReferring,
  type StoredAgreement,
  touchAgreementOperation,
  updateEventOperation,
} from "@/lib/db/agreements";
import { listEntityNoteIds, retargetEntityNotes } from "@/lib/db/annotations";
import { signalAnnotationEvents } from "@/lib/database/annotation-signal";
import { listCuratedMentionsOf, retargetCuratedMentionsOperation } from "@/lib/db/curated-mentions";
import {
  createEntityOperation,
  deleteEntityOperation,
  findEntityRow,
  nextEntityPosition,
  restoreEntityOperation,
  type StoredEntity,
  updateEntityOperation,
} from "@/lib/db/entities";
import { type ChangeSubject, type ChangeWrite, commitKnowledge, findChange, isReverted, listChanges, type StoredChange } from "@/lib/db/knowledge-changes";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { agreementInputSchema } from "@/lib/domain/agreement";
import { agreementInputOf, type CuratedEvent, type EventInput, eventInputSchema, type EventPatch, patchedEvent } from "@/lib/domain/agreement-data";
import type { VersionPrecondition } from "@/lib/domain/annotation";
import { type EntityInput, type EntityPatch, entitySchema, type NewEntityInput } from "@/lib/domain/entity";
import { AppError, invalidInput } from "@/lib/domain/errors";
import { slugify } from "@/lib/text/slug";
import { knowledgeChanged, knowledgeSnapshot } from "./knowledge";
import { entityFields } from "./knowledge-seed";
import { currentRevision } from "./library";
import { isPrismaCode } from "@/lib/database/prisma-errors";

/** An entity as the editing API answers: its fields and its version (the ETag). */
export interface EditedEntity {
  entity: EntityInput;
  version: number;
}

/** A change as the history lists it. */
export interface KnowledgeChangeView {
  id: string;
  action: StoredChange["action"];
  at: string;
  by: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  revertOf: string | null;
  /** Whether a later change already reverted this one. */
  reverted: boolean;
}

type Details = { target: "entity" } | { target: "event"; agreementId: string; eventId: string } | { target: "merge"; merged: StoredEntity; survivor: string; mentions: string[]; notes: string[] };

const actorOf = (viewer: Viewer) => ({ actorId: viewer.id, actorName: viewer.name });

/** Commits a change; a guarded row that moved on (P2025) is a stale precondition, a taken id a conflict. */
async function commit(writes: unknown[], changes: ChangeWrite[], stale = "It has changed since it was read; reload it and try again"): Promise<void> {
  try {
    await commitKnowledge(db(), writes, changes);
  } catch (error) {
    if (isPrismaCode(error, "P2025")) throw new AppError("precondition_failed", stale, "if-match");
    if (isPrismaCode(error, "P2002")) throw new AppError("conflict", "Something with this id exists already", "id");
    throw error;
  }
  knowledgeChanged();
  // A merge (or its revert) moves notes: the live streams of their briefs are told.
  signalAnnotationEvents();
}

function checkPrecondition(precondition: VersionPrecondition | undefined, version: number, required: boolean): void {
  if (precondition === undefined) {
    if (required) throw new AppError("precondition_required", "Send If-Match with the version you edited (the ETag of GET)", "if-match");
    return;
  }
  if (precondition !== "*" && !precondition.includes(version)) throw new AppError("precondition_failed", `It has changed (it is at version ${version}); reload it and try again`, "if-match");
}

/** Validates an entity with the seed files' schema; a problem names the field. */
function validEntity(candidate: unknown): EntityInput {
  const result = entitySchema.safeParse(candidate);
  if (!result.success) throw invalidInput(result.error);
  return entityFields(result.data);
}

async function idTaken(id: string): Promise<boolean> {
  const snapshot = await knowledgeSnapshot();
  return snapshot.byId.has(id) || (await findEntityRow(db(), id)) !== null || (await findAgreementRow(db(), id)) !== null;
}

async function storedEntity(id: string): Promise<StoredEntity> {
  const entity = await findEntityRow(db(), id);
  if (!entity) {
    if (await findAgreementRow(db(), id)) throw new AppError("not_found", `“${id}” is an agreement record: its events are edited at /api/agreements/${id}/events`, "id");
    throw new AppError("not_found", `No entity “${id}”`, "id");
  }
  return entity;
}

/** One entity with its version, for the edit form (`ETag`). */
export async function getEditableEntity(id: string): Promise<EditedEntity> {
  const entity = await storedEntity(id);
  return { entity: entityFields(entity), version: entity.version };
}

/** `POST /api/entities`: a new entity; its id from the English name when not given. */
export async function createEntity(viewer: Viewer, input: NewEntityInput): Promise<EditedEntity> {
  const id = input.id ?? slugify(input.names.en);
  if (!id) throw new AppError("invalid_input", "the English name makes no id; give an id", "id");
  const entity = validEntity({ ...input, id });
  if (await idTaken(id)) throw new AppError("conflict", `There is already an entity or record “${id}”`, "id");
  const position = await nextEntityPosition(db());
  await commit([createEntityOperation(db(), entity, { position, createdById: viewer.id })], [{ subjectType: "entity", subjectId: id, action: "create", before: null, after: entity, details: { target: "entity" }, ...actorOf(viewer) }]);
  return { entity, version: 1 };
}

/** `PATCH /api/entities/<id>`: changes the fields given (`wikidata: null` removes it), at the version in If-Match. */
export async function updateEntity(viewer: Viewer, id: string, patch: EntityPatch, precondition: VersionPrecondition | undefined): Promise<EditedEntity> {
  const current = await storedEntity(id);
  checkPrecondition(precondition, current.version, true);
  const merged: Record<string, unknown> = { ...entityFields(current), ...patch };
  if (patch.wikidata === null) delete merged.wikidata;
  const entity = validEntity(merged);
  const before = entityFields(current);
  if (JSON.stringify(before) === JSON.stringify(entity)) return { entity, version: current.version };
  await commit([updateEntityOperation(db(), entity, { version: current.version })], [{ subjectType: "entity", subjectId: id, action: "update", before, after: entity, details: { target: "entity" }, ...actorOf(viewer) }]);
  return { entity, version: current.version + 1 };
}

/** The survivor's aliases with everything the merged entity was called added (no repeats, its own names left out). */
function mergedAliases(survivor: EntityInput, merged: EntityInput): string[] {
  const own = new Set([survivor.names.ko, survivor.names.en, survivor.names.ja].filter(Boolean));
  const aliases = [...survivor.aliases];
  for (const alias of [merged.names.ko, merged.names.en, merged.names.ja, ...merged.aliases]) {
    if (alias && !own.has(alias) && !aliases.includes(alias)) aliases.push(alias);
  }
  return aliases;
}

/** `POST /api/entities/<id>/merge { into }`: `id` is merged into `into` (see the rules above). */
export async function mergeEntity(viewer: Viewer, id: string, into: string): Promise<EditedEntity> {
  if (id === into) throw new AppError("invalid_input", "an entity cannot be merged into itself", "into");
  const merged = await storedEntity(id);
  const survivor = await notFoundAsInput(() => storedEntity(into), "into");
  const referring = await agreementsReferring(db(), id);
  if (referring.length > 0) throw new AppError("conflict", `Records are made of “${id}” (${referring.join(", ")}); it cannot be merged away`, "id");
  const [mentions, notes] = await Promise.all([listCuratedMentionsOf(db(), id), listEntityNoteIds(db(), id)]);
  const before = entityFields(survivor);
  const after = validEntity({ ...before, aliases: mergedAliases(before, merged) });
  const details: Details = { target: "merge", merged, survivor: into, mentions: mentions.map((mention) => mention.id), notes };
  await commit(
    [
      updateEntityOperation(db(), after, { version: survivor.version }),
      retargetCuratedMentionsOperation(db(), details.mentions, into),
      ...retargetEntityNotes(db(), notes, into),
      deleteEntityOperation(db(), id, merged.version),
    ],
    [
      { subjectType: "entity", subjectId: into, action: "merge", before, after, details, ...actorOf(viewer) },
      { subjectType: "entity", subjectId: id, action: "merged-into", before: entityFields(merged), after: null, details: { target: "merged-into", into }, ...actorOf(viewer) },
    ],
  );
  return { entity: after, version: survivor.version + 1 };
}

async function notFoundAsInput<T>(work: () => Promise<T>, field: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw new AppError("invalid_input", error.message, field);
    throw error;
  }
}

// ------------------------------------------------------------------------------------------------
// Agreement events

async function storedAgreement(id: string): Promise<StoredAgreement> {
  const record = await findAgreementRow(db(), id);
  if (!record) throw new AppError("not_found", `No agreement record “${id}”`, "id");
  return record;
}

/** An event's fields as stored and logged (no id, version or place). */
function eventFields(event: CuratedEvent): CuratedEvent {
  const { id: _id, version: _version, position: _position, ...fields } = event as CuratedEvent & { position?: number };
  return fields;
}

/** Validates an event as an editor writes it, then the whole record with it in the seed files' schema. */
async function validEvent(record: StoredAgreement, candidate: unknown, replacing: string | null, addedBy: string | undefined): Promise<CuratedEvent> {
  const result = eventInputSchema.safeParse(candidate);
  if (!result.success) throw invalidInput(result.error);
  const input: EventInput = result.data;
  const event: CuratedEvent = { ...input, ...(addedBy ? { addedBy } : {}) };
  if (input.basis === "brief") {
    const brief = await notFoundAsInput(() => currentRevision(input.brief), "brief");
    if (blocksQuoting(brief.parsed.document, input.quote).length === 0) throw new AppError("invalid_input", `these words are not in the brief ${input.brief}`, "quote");
  }
  const events = replacing ? record.events.map((item) => (item.id === replacing ? event : item)) : [...record.events, event];
  const whole = agreementInputSchema.safeParse(agreementInputOf({ ...record, events: events.map(eventFields) }));
  if (!whole.success) throw invalidInput(whole.error);
  return event;
}

function findEvent(record: StoredAgreement, eventId: string) {
  const event = record.events.find((item) => item.id === eventId);
  if (!event) throw new AppError("not_found", `No event “${eventId}” in the record “${record.id}”`, "eventId");
  return event;
}

/** `POST /api/agreements/<id>/events`: adds an event, with who added it. */
export async function addAgreementEvent(viewer: Viewer, agreementId: string, input: unknown, precondition?: VersionPrecondition): Promise<CuratedEvent> {
  const record = await storedAgreement(agreementId);
  checkPrecondition(precondition, record.version, false);
  const event = await validEvent(record, input, null, viewer.name);
  const id = randomUUID();
  const position = Math.max(-1, ...record.events.map((item) => item.position)) + 1;
  await commit(
    [touchAgreementOperation(db(), agreementId, record.version), createEventOperation(db(), agreementId, event, { id, position, addedById: viewer.id })],
    [{ subjectType: "agreement", subjectId: agreementId, action: "event-add", before: null, after: { id, ...event }, details: { target: "event", agreementId, eventId: id }, ...actorOf(viewer) }],
  );
  return { id, ...event, version: 1 };
}

/** `PATCH /api/agreements/<id>/events/<eventId>`: corrects an event (If-Match: the event's version, when sent). */
export async function updateAgreementEvent(viewer: Viewer, agreementId: string, eventId: string, patch: EventPatch, precondition?: VersionPrecondition): Promise<CuratedEvent> {
  const record = await storedAgreement(agreementId);
  const current = findEvent(record, eventId);
  checkPrecondition(precondition, current.version, false);
  // Who corrects an event becomes who it stands on: the correction is theirs.
  const event = await validEvent(record, patchedEvent(current, patch), eventId, viewer.name);
  await commit(
    [touchAgreementOperation(db(), agreementId, record.version), updateEventOperation(db(), eventId, event, current.version)],
    [{ subjectType: "agreement", subjectId: agreementId, action: "event-update", before: { id: eventId, ...eventFields(current) }, after: { id: eventId, ...event }, details: { target: "event", agreementId, eventId }, ...actorOf(viewer) }],
  );
  return { id: eventId, ...event, version: current.version + 1 };
}

/** `DELETE /api/agreements/<id>/events/<eventId>`: removes an event (kept in the history, so a revert brings it back). */
export async function deleteAgreementEvent(viewer: Viewer, agreementId: string, eventId: string, precondition?: VersionPrecondition): Promise<CuratedEvent> {
  const record = await storedAgreement(agreementId);
  const current = findEvent(record, eventId);
  checkPrecondition(precondition, current.version, false);
  await commit(
    [touchAgreementOperation(db(), agreementId, record.version), deleteEventOperation(db(), eventId, current.version)],
    [{ subjectType: "agreement", subjectId: agreementId, action: "event-delete", before: { id: eventId, ...eventFields(current) }, after: null, details: { target: "event", agreementId, eventId }, ...actorOf(viewer) }],
  );
  return { id: eventId, ...eventFields(current) };
}

// ------------------------------------------------------------------------------------------------
// History and revert

function viewOf(change: StoredChange, reverted: Set<string>): KnowledgeChangeView {
  return { id: change.id, action: change.action, at: change.createdAt.toISOString(), by: change.actorName, before: change.before, after: change.after, details: change.details, revertOf: change.revertOf, reverted: reverted.has(change.id) };
}

/** `GET /api/entities/<id>/history`, `GET /api/agreements/<id>/history`: its changes, newest first. */
export async function knowledgeHistory(subjectType: Exclude<ChangeSubject, "mention">, id: string): Promise<KnowledgeChangeView[]> {
  const changes = await listChanges(db(), subjectType, id);
  if (changes.length === 0) {
    const exists = subjectType === "entity" ? await findEntityRow(db(), id) : await findAgreementRow(db(), id);
    if (!exists) throw new AppError("not_found", `No ${subjectType === "entity" ? "entity" : "agreement record"} “${id}”`, "id");
  }
  const reverted = new Set(changes.flatMap((change) => (change.revertOf ? [change.revertOf] : [])));
  return changes.map((change) => viewOf(change, reverted));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const stillChanged = () => new AppError("conflict", "It has changed again since; revert the later change first", "change");

/** Puts an entity back to `target` (null: removes it), if it is still `expected`. */
async function revertEntity(change: StoredChange, viewer: Viewer): Promise<void> {
  const id = change.subjectId;
  const current = await findEntityRow(db(), id);
  if (!same(current ? entityFields(current) : null, change.after)) throw stillChanged();
  const target = change.before as EntityInput | null;
  const base = { subjectType: "entity" as const, subjectId: id, action: "revert" as const, before: change.after, after: target, details: { target: "entity" }, revertOf: change.id, ...actorOf(viewer) };
  if (target === null) {
    // Undoing a creation: only while nothing points at it yet.
    const [mentions, notes] = await Promise.all([listCuratedMentionsOf(db(), id), listEntityNoteIds(db(), id)]);
    if (mentions.length + notes.length > 0) throw new AppError("conflict", `“${id}” has mentions or notes now; merge it instead`, "change");
    return commit([deleteEntityOperation(db(), id, (current as StoredEntity).version)], [base]);
  }
  const entity = validEntity(target);
  if (current) return commit([updateEntityOperation(db(), entity, { version: current.version })], [base]);
  return commit([createEntityOperation(db(), entity, { position: await nextEntityPosition(db()), createdById: viewer.id })], [base]);
}

/** Puts an event back as it was before the change (null: removes it), if it is still as the change left it. */
async function revertEvent(change: StoredChange, details: Extract<Details, { target: "event" }>, viewer: Viewer): Promise<void> {
  const record = await storedAgreement(details.agreementId);
  const current = record.events.find((event) => event.id === details.eventId);
  const afterFields = change.after ? eventFields(change.after as CuratedEvent) : null;
  if (!same(current ? eventFields(current) : null, afterFields)) throw stillChanged();
  const target = change.before ? eventFields(change.before as CuratedEvent) : null;
  const log: ChangeWrite = { subjectType: "agreement", subjectId: record.id, action: "revert", before: change.after, after: change.before, details, revertOf: change.id, ...actorOf(viewer) };
  const touch = touchAgreementOperation(db(), record.id, record.version);
  if (target === null) return commit([touch, deleteEventOperation(db(), details.eventId, (current as StoredAgreement["events"][number]).version)], [log]);
  if (current) return commit([touch, updateEventOperation(db(), details.eventId, target, current.version)], [log]);
  const position = Math.max(-1, ...record.events.map((item) => item.position)) + 1;
  return commit([touch, createEventOperation(db(), record.id, target, { id: details.eventId, position, addedById: null })], [log]);
}

/** Undoes a merge: the merged entity back, the survivor as it was, and what moved moved back. */
async function revertMerge(change: StoredChange, details: Extract<Details, { target: "merge" }>, viewer: Viewer): Promise<void> {
  const survivor = await findEntityRow(db(), details.survivor);
  if (!survivor || !same(entityFields(survivor), change.after) || (await findEntityRow(db(), details.merged.id))) throw stillChanged();
  const before = validEntity(change.before);
  await commit(
    [
      restoreEntityOperation(db(), details.merged),
      updateEntityOperation(db(), before, { version: survivor.version }),
      retargetCuratedMentionsOperation(db(), details.mentions, details.merged.id),
      ...retargetEntityNotes(db(), details.notes, details.merged.id),
    ],
    [
      { subjectType: "entity", subjectId: details.survivor, action: "revert", before: change.after, after: before, details, revertOf: change.id, ...actorOf(viewer) },
      { subjectType: "entity", subjectId: details.merged.id, action: "revert", before: null, after: entityFields(details.merged), details: { target: "entity" }, revertOf: change.id, ...actorOf(viewer) },
    ],
  );
}

/**
 * `POST /api/knowledge/changes/<id>/revert`: undoes one change (see the rules above). A revert
 * of a merge undoes the whole merge; a revert may itself be reverted.
 */
export async function revertChange(viewer: Viewer, changeId: string): Promise<KnowledgeChangeView> {
  const change = await findChange(db(), changeId);
  if (!change || change.subjectType === "mention") throw new AppError("not_found", `No change “${changeId}”`, "id");
  if (await isReverted(db(), changeId)) throw new AppError("conflict", "This change has been reverted already", "change");
  const details = (change.details ?? { target: "entity" }) as Details | { target: "merged-into"; into: string };
  if (details.target === "merged-into") throw new AppError("conflict", `Revert the merge on “${details.into}”, the entity it was merged into`, "change");
  if (details.target === "merge") await revertMerge(change, details, viewer);
  else if (details.target === "event") await revertEvent(change, details, viewer);
  else if (change.subjectType === "entity") await revertEntity(change, viewer);
  else throw new AppError("conflict", "This change cannot be reverted here", "change");
  const latest = (await listChanges(db(), change.subjectType, change.subjectId, 5)).find((item) => item.revertOf === changeId);
  return viewOf(latest as StoredChange, new Set());
}
