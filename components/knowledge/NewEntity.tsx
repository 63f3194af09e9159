"use client";

/** The knowledge page's "new entity" form: POST /api/entities, then the new entity's page. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { EntityInput } from "@/lib/domain/entity";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import type { KnowledgeMessages } from "@/lib/i18n/knowledge-messages";
import { EntityForm } from "./EntityForm";

export function NewEntity({ words, kindLabels, locale, initialName = "" }: { words: KnowledgeMessages; kindLabels: Record<string, string>; locale: "ko" | "en"; initialName?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <EntityForm
      key={initialName}
      words={words}
      kindLabels={kindLabels}
      initial={{ kind: "concept", names: { ko: initialName, en: /^[\x20-\x7e]+$/.test(initialName) ? initialName : "" }, aliases: initialName ? [initialName] : [] }}
      withId
      busy={busy}
      error={error}
      submitLabel={words.create}
      onSubmit={(draft) => {
        setBusy(true);
        setError(null);
        apiFetch<EntityInput>("/api/entities", { method: "POST", json: draft })
          .then((made) => router.push(`/entities/${encodeURIComponent(made.id)}`))
          .catch((caught: unknown) => {
            setError(errorText(locale, caught));
            setBusy(false);
          });
      }}
    />
  );
}
