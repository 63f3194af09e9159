/**
 * Mentions by hand: an editor marks a span of a brief's current text as a mention of an entity,
 * or as no mention at all (which silences the linker there), and removes such a decision again.
 *
 * Rules:
 * - The span is given in code points into one block's `text` (as `GET /api/briefs/<slug>` gives
 *   it) and must lie within it; the brief is its current revision.
 * - A new decision replaces the decisions it overlaps in that block (the last word stands).
 * - Each is stored with a quote and its position in the brief's text, like an annotation, so it
 *   follows the text through revisions (lib/services/library-sync.ts re-anchors it).
 * - Every decision is a change in the log (subject `mention`, the brief's slug).
 */
import "server-only";
import { describeSpan } from "@/lib/anchoring/describe";
import { createCuratedMentionOperation, deleteCuratedMentionsOperation, findCuratedMention, listOverlappingCuratedMentions } from "@/lib/db/curated-mentions";
import { commitKnowledge } from "@/lib/db/knowledge-changes";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import type { Mention } from "@/lib/domain/brief";
import { AppError } from "@/lib/domain/errors";
import type { MentionInput } from "@/lib/domain/knowledge";
import { sliceCodePoints } from "@/lib/text/code-points";
import { randomUUID } from "node:crypto";
import { knowledgeChanged, knowledgeSnapshot } from "./knowledge";
import { currentRevision } from "./library";

/** A curated decision as the API answers: a mention (`source: "curated"`), or a suppression (`entityId: null`). */
export interface CuratedMentionView extends Omit<Mention, "entityId"> {
  id: string;
  entityId: string | null;
  brief: string;
  blockId: string;
}

/** `POST /api/briefs/<slug>/mentions`: an editor's decision about a span (see the rules above). */
export async function addCuratedMention(viewer: Viewer, slug: string, input: MentionInput): Promise<CuratedMentionView> {
  const brief = await currentRevision(slug, viewer);
  const block = brief.text.blocks.find((candidate) => candidate.id === input.blockId);
  if (!block) throw new AppError("invalid_input", `no block “${input.blockId}” in the brief's current text`, "blockId");
  const length = block.end - block.start;
  if (input.end > length) throw new AppError("invalid_input", `the block's text is ${length} code points long`, "end");
  if (input.start >= input.end) throw new AppError("invalid_input", "the span is empty (start must be before end)", "start");
  if (input.entityId !== null && !(await knowledgeSnapshot()).byId.has(input.entityId)) throw new AppError("invalid_input", `no entity “${input.entityId}”`, "entityId");
  const span = describeSpan(brief.text.text, block.start + input.start, block.start + input.end);
  if (span.quote.exact.trim() === "") throw new AppError("invalid_input", "the span is only spaces", "start");
  const replaced = await listOverlappingCuratedMentions(db(), { brief: slug, sha: brief.sha256, blockId: block.id, start: input.start, end: input.end });
  const id = randomUUID();
  const view: CuratedMentionView = {
    id,
    brief: slug,
    blockId: block.id,
    entityId: input.entityId,
    start: input.start,
    end: input.end,
    surface: sliceCodePoints(brief.text.text, span.position.start, span.position.end),
    source: "curated",
  };
  await commitKnowledge(
    db(),
    [
      ...(replaced.length ? [deleteCuratedMentionsOperation(db(), replaced.map((mention) => mention.id))] : []),
      createCuratedMentionOperation(db(), {
        id,
        briefSlug: slug,
        entityId: input.entityId,
        anchorSha: brief.sha256,
        blockId: block.id,
        start: input.start,
        end: input.end,
        quote: { exact: span.quote.exact, prefix: span.quote.prefix, suffix: span.quote.suffix },
        position: { start: span.position.start, end: span.position.end },
        createdById: viewer.id,
        createdBy: viewer.name,
      }),
    ],
    [{ subjectType: "mention", subjectId: slug, action: "mention-add", before: replaced.map(({ id: old, blockId, start, end, entityId }) => ({ id: old, blockId, start, end, entityId })), after: view, actorId: viewer.id, actorName: viewer.name }],
  );
  knowledgeChanged();
  return view;
}

/** `DELETE /api/briefs/<slug>/mentions/<id>`: removes a curated decision; the linker's mention (if any) comes back. */
export async function deleteCuratedMention(viewer: Viewer, slug: string, id: string): Promise<CuratedMentionView> {
  const mention = await findCuratedMention(db(), id);
  if (!mention || mention.briefSlug !== slug) throw new AppError("not_found", `No curated mention “${id}” in the brief “${slug}”`, "id");
  const view: CuratedMentionView = {
    id,
    brief: slug,
    blockId: mention.blockId,
    entityId: mention.entityId,
    start: mention.start,
    end: mention.end,
    surface: mention.quote.exact,
    source: "curated",
  };
  await commitKnowledge(db(), [deleteCuratedMentionsOperation(db(), [id])], [{ subjectType: "mention", subjectId: slug, action: "mention-delete", before: view, after: null, actorId: viewer.id, actorName: viewer.name }]);
  knowledgeChanged();
  return view;
}
