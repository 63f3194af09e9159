"use client";

import { useEffect, useRef } from "react";
import { AgreementDetail } from "@/components/agreements/AgreementDetail";
import type { DataLabels } from "@/components/agreements/labels";
import { EntityNotes } from "@/components/annotations/EntityNotes";
import type { NoteLabels } from "@/components/annotations/labels";
import { MentionList } from "@/components/entities/MentionList";
import type { AgreementRecord } from "@/lib/domain/agreement";
import type { Entity } from "@/lib/domain/entity";
import type { MentionPlace } from "@/lib/domain/mention-place";

/**
 * What the entity side panel shows once its data is in: names, description, the agreement record,
 * notes on the entity and where the brief mentions it. A chunk of its own, loaded when a panel
 * first opens (or a mention is first hovered): the first paint of the reader needs none of it,
 * and its notes bring the Markdown renderer along.
 */
export function EntityPanelBody({
  entity,
  record,
  mentions,
  labels,
  noteLabels,
  locale,
  briefSlug,
}: {
  entity: Entity;
  record: AgreementRecord | null;
  mentions: MentionPlace[];
  labels: DataLabels;
  noteLabels: NoteLabels;
  locale: "ko" | "en";
  briefSlug: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel's content has arrived: move focus to its title, for keyboard and screen-reader users.
  useEffect(() => heading.current?.focus(), [entity.id]);
  return (
    <div className="side-panel-body">
      <h2 id="side-panel-title" ref={heading} tabIndex={-1}>
        {/* The reader's language first; the other name beneath it, marked with its language. */}
        <span lang={locale}>{entity.names[locale]}</span>
        <span className="subtitle" lang={locale === "ko" ? "en" : "ko"}>
          {entity.names[locale === "ko" ? "en" : "ko"]}
        </span>
      </h2>
      <p className="muted">
        {labels.entityKinds[entity.kind]} · <a href={record ? `/agreements/${entity.id}` : `/entities/${entity.id}`}>{labels.openPage}</a>
      </p>
      <p>{locale === "ko" ? entity.description.ko : entity.description.en}</p>
      {record && <AgreementDetail record={record} labels={labels} briefSlug={briefSlug} locale={locale} headingLevel={3} />}
      <EntityNotes brief={briefSlug} entityId={entity.id} labels={noteLabels} />
      <h3>{labels.mentionsInText}</h3>
      <MentionList places={mentions} labels={labels} headingLevel={4} />
    </div>
  );
}
