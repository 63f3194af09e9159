"use client";

/** An entity's page, for editors: edit its fields (at the version shown: If-Match) or merge it into another. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Entity, EntityInput } from "@/lib/domain/entity";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import type { KnowledgeMessages } from "@/lib/i18n/knowledge-messages";
import { EntityForm } from "./EntityForm";
import { EntityPicker } from "./EntityPicker";
import { forgetEntities } from "./use-entities";

export function EntityCuration({ entity, version, words, kindLabels, locale }: { entity: EntityInput; version: number; words: KnowledgeMessages; kindLabels: Record<string, string>; locale: "ko" | "en" }) {
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "edit" | "merge">("idle");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      forgetEntities();
      setMode("idle");
    } catch (caught) {
      setError(errorText(locale, caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="entity-curation" aria-label={words.curate}>
      <p className="form-actions">
        <button type="button" onClick={() => setMode(mode === "edit" ? "idle" : "edit")} aria-expanded={mode === "edit"}>
          {words.editEntity}
        </button>
        <button type="button" onClick={() => setMode(mode === "merge" ? "idle" : "merge")} aria-expanded={mode === "merge"}>
          {words.mergeTitle}
        </button>
      </p>
      {mode === "edit" && (
        <EntityForm
          key={version}
          words={words}
          kindLabels={kindLabels}
          initial={entity}
          withId={false}
          busy={busy}
          error={error}
          submitLabel={words.save}
          onCancel={() => setMode("idle")}
          onSubmit={(draft) =>
            void run(async () => {
              const { id: _id, ...fields } = draft;
              await apiFetch(`/api/entities/${encodeURIComponent(entity.id)}`, { method: "PATCH", json: { ...fields, wikidata: fields.wikidata ?? null }, headers: { "if-match": `"${version}"` } });
              router.refresh();
            })
          }
        />
      )}
      {mode === "merge" && (
        <div className="merge-form">
          <p className="muted">{words.mergeHelp}</p>
          <EntityPicker
            words={words}
            exclude={entity.id}
            kindLabel={(other: Entity) => kindLabels[other.kind] ?? other.kind}
            onPick={(other) =>
              void run(async () => {
                await apiFetch(`/api/entities/${encodeURIComponent(entity.id)}/merge`, { method: "POST", json: { into: other.id } });
                router.push(`/entities/${encodeURIComponent(other.id)}`);
              })
            }
          />
          {error && (
            <p role="alert" className="form-error">
              {error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
