"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { Annotation, Motivation } from "@/lib/domain/annotation";
import type { NoteLabels } from "./labels";
import { NoteBody } from "./NoteBody";
import { audienceLabel } from "./audience";
import type { SessionUser } from "@/components/account/session";

export interface PanelActions {
  focus: (annotation: Annotation) => void;
  reply: (annotation: Annotation) => void;
  edit: (annotation: Annotation) => void;
  setDeleted: (annotation: Annotation, deleted: boolean) => void;
  setHidden: (annotation: Annotation, hidden: boolean) => void;
  reattach: (annotation: Annotation) => void;
}

/** How many notes the panel renders at first, and how many more each time its end scrolls into view. */
const WINDOW = 100;

function startOf(annotation: Annotation): number {
  const target = annotation.target;
  return target && "position" in target ? target.position.start : Number.MAX_SAFE_INTEGER;
}

/** Notes in document order, with filters; replies under their note; orphans kept, at the end. */
export function NotesPanel({
  annotations,
  user,
  labels,
  only,
  entitiesOf,
  entityNames,
  blockPages,
  actions,
  onShowAll,
  children,
}: {
  annotations: Annotation[];
  user: SessionUser;
  labels: NoteLabels;
  /** Show only these (the notes at a clicked spot). */
  only: Set<string> | null;
  /** Entities mentioned in an annotation's span. */
  entitiesOf: (annotation: Annotation) => string[];
  entityNames: Record<string, string>;
  /** The page of the original PDF each block starts on, for briefs converted from one. */
  blockPages?: Record<string, number>;
  actions: PanelActions;
  onShowAll: () => void;
  children?: React.ReactNode;
}) {
  const [who, setWho] = useState<"everyone" | "mine">("everyone");
  const [motivation, setMotivation] = useState<Motivation | "">("");
  const [tag, setTag] = useState("");
  const [entity, setEntity] = useState("");
  // "" (all), "private", "shared", or "group:<id>".
  const [audience, setAudience] = useState("");

  // A long list (tens of thousands of notes) is grouped once per change of the list, not per item.
  const { roots, replies } = useMemo(() => {
    const byParent = new Map<string, Annotation[]>();
    const top: Annotation[] = [];
    for (const annotation of annotations) {
      if (!annotation.parentId) top.push(annotation);
      else byParent.set(annotation.parentId, [...(byParent.get(annotation.parentId) ?? []), annotation]);
    }
    return { roots: top, replies: byParent };
  }, [annotations]);
  const repliesOf = (annotation: Annotation) => replies.get(annotation.id) ?? [];
  // Only the first `rendered` notes are in the page; more join as the end of the list comes into
  // view, so opening the panel on a brief with 50,000 notes renders a hundred of them.
  const [rendered, setRendered] = useState(WINDOW);
  const end = useRef<HTMLDivElement>(null);
  const tags = useMemo(() => [...new Set(annotations.flatMap((annotation) => annotation.tags))].sort(), [annotations]);
  const entities = useMemo(() => [...new Set(roots.flatMap(entitiesOf))].sort(), [roots, entitiesOf]);
  const groups = useMemo(() => {
    const named = new Map<string, string>();
    for (const annotation of annotations) if (annotation.group) named.set(annotation.group.id, annotation.group.name);
    return [...named].sort((a, b) => a[1].localeCompare(b[1], labels.locale));
  }, [annotations, labels.locale]);
  const inAudience = (annotation: Annotation) =>
    !audience || (audience.startsWith("group:") ? annotation.visibility === "group" && annotation.group?.id === audience.slice(6) : annotation.visibility === audience);

  const shown = roots
    .filter((annotation) => !only || only.has(annotation.id))
    .filter((annotation) => who === "everyone" || annotation.author.id === user.id)
    .filter((annotation) => !motivation || annotation.motivation === motivation)
    .filter((annotation) => !tag || annotation.tags.includes(tag))
    .filter((annotation) => !entity || entitiesOf(annotation).includes(entity))
    .filter(inAudience)
    .sort((a, b) => startOf(a) - startOf(b));
  const allAnchored = shown.filter((annotation) => annotation.anchor?.status !== "orphaned");
  const anchored = allAnchored.slice(0, rendered);
  const more = allAnchored.length > anchored.length;
  useEffect(() => {
    const sentinel = end.current;
    if (!more || !sentinel) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setRendered((count) => count + WINDOW);
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [more, rendered]);
  const dates = new Intl.DateTimeFormat(labels.locale, { dateStyle: "medium", timeStyle: "short" });
  const percent = new Intl.NumberFormat(labels.locale, { style: "percent" });
  const orphans = shown.filter((annotation) => annotation.anchor?.status === "orphaned");

  const item = (annotation: Annotation, isReply = false) => {
    const mine = annotation.author.id === user.id;
    const target = annotation.target;
    const status = annotation.anchor?.status;
    return (
      <li key={annotation.id} className={`note note-${annotation.motivation}${mine ? " note-mine" : " note-others"}${annotation.deleted ? " note-deleted" : ""}`} data-annotation={annotation.id}>
        {!isReply && target && "quote" in target && (
          <button type="button" className="note-quote-link" onClick={() => actions.focus(annotation)} lang="ko">
            <span className="note-swatch" style={{ background: annotation.color ?? "#ffd400" }} aria-hidden="true" />“{target.quote.exact.length > 120 ? `${target.quote.exact.slice(0, 120)}…` : target.quote.exact}”
            {blockPages?.[target.blockId] ? <span className="note-page"> p. {blockPages[target.blockId]}</span> : null}
          </button>
        )}
        <p className="note-meta">
          <span className={`note-kind kind-${annotation.motivation}`}>
            <span className={`kind-dot kind-${annotation.motivation}${mine ? " mine" : " others"}`} aria-hidden="true" />
            {labels.motivations[annotation.motivation]}
          </span>{" "}
          · <bdi>{annotation.author.name}</bdi> · <time dateTime={annotation.modified}>{dates.format(new Date(annotation.modified))}</time>
          {annotation.edited && ` · ${labels.edited}`}{" "}
          <span className={`visibility-badge visibility-${annotation.visibility}`}>{audienceLabel(annotation, labels)}</span>
          {status === "moved" && <span className="anchor-badge">{labels.anchorMoved}</span>}
          {status === "fuzzy" && <span className="anchor-badge">{labels.anchorFuzzy} {percent.format(Math.round((annotation.anchor?.score ?? 0) * 100) / 100)}</span>}
          {annotation.deleted && <span className="anchor-badge">{labels.deleted}</span>}
          {annotation.hidden && <span className="anchor-badge">{labels.hidden}</span>}
        </p>
        {annotation.body && <NoteBody markdown={annotation.body} />}
        {annotation.tags.length > 0 && (
          <p className="note-tags">
            {annotation.tags.map((name) => (
              <span key={name} className="note-tag">
                #<bdi>{name}</bdi>
              </span>
            ))}
          </p>
        )}
        <div className="note-actions">
          {!annotation.deleted && (
            <button type="button" onClick={() => actions.reply(annotation)}>
              {labels.reply}
            </button>
          )}
          {mine && !annotation.deleted && (
            <button type="button" onClick={() => actions.edit(annotation)}>
              {labels.edit}
            </button>
          )}
          {mine && (
            <button type="button" onClick={() => actions.setDeleted(annotation, !annotation.deleted)}>
              {annotation.deleted ? labels.restore : labels.delete}
            </button>
          )}
          {/* An admin hides colleagues' shared notes; their own they edit or delete. */}
          {user.role === "admin" && !mine && annotation.visibility === "shared" && (
            <button type="button" onClick={() => actions.setHidden(annotation, !annotation.hidden)}>
              {annotation.hidden ? labels.unhide : labels.hide}
            </button>
          )}
          {mine && status === "orphaned" && (
            <button type="button" onClick={() => actions.reattach(annotation)}>
              {labels.reattach}
            </button>
          )}
        </div>
        {repliesOf(annotation).length > 0 && <ul className="note-replies">{repliesOf(annotation).map((reply) => item(reply, true))}</ul>}
      </li>
    );
  };

  return (
    <div className="notes-panel-body">
      {children}
      {only ? (
        <p>
          {labels.atThisSpot} ({only.size}){" "}
          <button type="button" onClick={onShowAll}>
            {labels.showAll}
          </button>
        </p>
      ) : (
        <div className="note-filters">
          <select aria-label={labels.filterEveryone} value={who} onChange={(event) => setWho(event.target.value as "everyone" | "mine")}>
            <option value="everyone">{labels.filterEveryone}</option>
            <option value="mine">{labels.filterMine}</option>
          </select>
          <select aria-label={labels.filterAllKinds} value={motivation} onChange={(event) => setMotivation(event.target.value as Motivation | "")}>
            <option value="">{labels.filterAllKinds}</option>
            {Object.entries(labels.motivations).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <select aria-label={labels.filterAllTags} value={tag} onChange={(event) => setTag(event.target.value)}>
            <option value="">{labels.filterAllTags}</option>
            {tags.map((name) => (
              <option key={name} value={name}>
                #{name}
              </option>
            ))}
          </select>
          <select aria-label={labels.audienceFilter} value={audience} onChange={(event) => setAudience(event.target.value)}>
            <option value="">
              {labels.audienceFilter}: {labels.audienceAll}
            </option>
            <option value="private">{labels.private}</option>
            <option value="shared">{labels.shared}</option>
            {groups.map(([id, name]) => (
              <option key={id} value={`group:${id}`}>
                {labels.groupLabel}: {name}
              </option>
            ))}
          </select>
          <select aria-label={labels.filterAllEntities} value={entity} onChange={(event) => setEntity(event.target.value)}>
            <option value="">{labels.filterAllEntities}</option>
            {entities.map((id) => (
              <option key={id} value={id}>
                {entityNames[id] ?? id}
              </option>
            ))}
          </select>
        </div>
      )}
      {anchored.length === 0 && orphans.length === 0 ? <p className="muted">{labels.empty}</p> : <ol className="notes-list">{anchored.map((annotation) => item(annotation))}</ol>}
      {more && (
        <div ref={end} className="notes-more">
          <button type="button" onClick={() => setRendered((count) => count + WINDOW)}>
            {labels.showMore} ({allAnchored.length - anchored.length})
          </button>
        </div>
      )}
      {orphans.length > 0 && (
        <section className="orphans" aria-labelledby="orphans-title">
          <h3 id="orphans-title">{labels.orphans}</h3>
          <p className="muted">{labels.orphansHint}</p>
          <ol className="notes-list">{orphans.map((annotation) => item(annotation))}</ol>
        </section>
      )}
    </div>
  );
}
