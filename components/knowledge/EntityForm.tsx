"use client";

/**
 * The fields of an entity, as content/entities/*.json has them: kind, names in Korean, English
 * and Japanese, aliases (one a line), a one-line description in each UI language, and a Wikidata
 * id. Used to create (in the reader and on the knowledge page) and to edit (on the entity's page).
 */
import { useState } from "react";
import { entityKinds, type EntityInput, type EntityKind } from "@/lib/domain/entity";
import type { KnowledgeMessages } from "@/lib/i18n/knowledge-messages";

export type EntityDraft = Omit<EntityInput, "id"> & { id?: string };

const lines = (text: string) => [...new Set(text.split("\n").map((line) => line.trim()).filter(Boolean))];

export function EntityForm({
  words,
  kindLabels,
  initial,
  withId,
  busy,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  words: KnowledgeMessages;
  kindLabels: Record<string, string>;
  initial: Partial<EntityDraft>;
  withId: boolean;
  busy: boolean;
  error: string | null;
  submitLabel: string;
  onSubmit: (draft: EntityDraft) => void;
  onCancel?: () => void;
}) {
  const [kind, setKind] = useState<EntityKind>(initial.kind ?? "concept");
  const [id, setId] = useState(initial.id ?? "");
  const [ko, setKo] = useState(initial.names?.ko ?? "");
  const [en, setEn] = useState(initial.names?.en ?? "");
  const [ja, setJa] = useState(initial.names?.ja ?? "");
  const [aliases, setAliases] = useState((initial.aliases ?? []).join("\n"));
  const [descriptionKo, setDescriptionKo] = useState(initial.description?.ko ?? "");
  const [descriptionEn, setDescriptionEn] = useState(initial.description?.en ?? "");
  const [wikidata, setWikidata] = useState(initial.wikidata ?? "");
  return (
    <form
      className="entity-form"
      onSubmit={(event) => {
        event.preventDefault();
        const names = { ko: ko.trim(), en: en.trim(), ...(ja.trim() ? { ja: ja.trim() } : {}) };
        const all = lines(aliases);
        onSubmit({
          ...(withId && id.trim() ? { id: id.trim() } : {}),
          kind: kind as EntityDraft["kind"],
          names,
          // A name is always an alias too, so a new entity links where its name stands.
          aliases: all.length > 0 ? all : [names.ko].filter(Boolean),
          description: { ko: descriptionKo.trim(), en: descriptionEn.trim() },
          ...(wikidata.trim() ? { wikidata: wikidata.trim() } : {}),
        });
      }}
    >
      <label>
        {words.kind}
        <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as EntityKind)}>
          {entityKinds
            .filter((item) => item !== "agreement")
            .map((item) => (
              <option key={item} value={item}>
                {kindLabels[item] ?? item}
              </option>
            ))}
        </select>
      </label>
      {withId && (
        <label>
          {words.id}
          <input name="id" value={id} onChange={(event) => setId(event.target.value)} pattern="[a-z0-9]+(-[a-z0-9]+)*" aria-describedby="entity-id-help" />
          <small id="entity-id-help">{words.idHelp}</small>
        </label>
      )}
      <label>
        {words.nameKo}
        <input name="nameKo" lang="ko" required value={ko} onChange={(event) => setKo(event.target.value)} />
      </label>
      <label>
        {words.nameEn}
        <input name="nameEn" lang="en" required value={en} onChange={(event) => setEn(event.target.value)} />
      </label>
      <label>
        {words.nameJa}
        <input name="nameJa" lang="ja" value={ja} onChange={(event) => setJa(event.target.value)} />
      </label>
      <label>
        {words.aliases}
        <textarea name="aliases" rows={3} value={aliases} onChange={(event) => setAliases(event.target.value)} aria-describedby="entity-aliases-help" />
        <small id="entity-aliases-help">{words.aliasesHelp}</small>
      </label>
      <label>
        {words.descriptionKo}
        <input name="descriptionKo" lang="ko" required value={descriptionKo} onChange={(event) => setDescriptionKo(event.target.value)} />
      </label>
      <label>
        {words.descriptionEn}
        <input name="descriptionEn" lang="en" required value={descriptionEn} onChange={(event) => setDescriptionEn(event.target.value)} />
      </label>
      <label>
        {words.wikidata}
        <input name="wikidata" value={wikidata} onChange={(event) => setWikidata(event.target.value)} pattern="Q[1-9][0-9]*" />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <p className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? words.saving : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {words.cancel}
          </button>
        )}
      </p>
    </form>
  );
}
