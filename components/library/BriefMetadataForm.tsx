"use client";

/**
 * The bibliographic details of a brief, as an editor corrects them before (or after) publishing:
 * title, byline, author, affiliation, institute, date, language and the original's addresses.
 * An empty optional field is cleared; a refused value is named in the reader's language.
 */
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import type { BriefMetadata } from "@/lib/domain/brief";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import { libraryMessages } from "@/lib/i18n/library-messages";
import type { Locale } from "@/lib/i18n/messages";

const OPTIONAL = ["byline", "position", "publisher", "published", "sourceUrl", "pdfUrl"] as const;
const REQUIRED = ["title", "author", "affiliation", "language"] as const;

export function BriefMetadataForm({ slug, metadata, locale }: { slug: string; metadata: BriefMetadata; locale: Locale }) {
  const words = libraryMessages[locale];
  const router = useRouter();
  const id = useId();
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "failed"; text: string }>({ kind: "idle" });
  const page = words.previewPage;
  const fields: { name: (typeof OPTIONAL)[number] | (typeof REQUIRED)[number]; label: string; type?: string }[] = [
    { name: "title", label: page.titleField },
    { name: "byline", label: page.bylineField },
    { name: "author", label: page.author },
    { name: "affiliation", label: page.affiliation },
    { name: "publisher", label: page.institute },
    { name: "published", label: page.publishedField },
    { name: "language", label: page.languageField },
    { name: "sourceUrl", label: page.sourceUrl, type: "url" },
    { name: "pdfUrl", label: page.pdfUrl, type: "url" },
  ];

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const patch: Record<string, string | null> = {};
    for (const name of REQUIRED) patch[name] = String(data.get(name) ?? "").trim();
    for (const name of OPTIONAL) {
      const value = String(data.get(name) ?? "").trim();
      if (value) patch[name] = value;
      else if (metadata[name] !== undefined) patch[name] = null;
    }
    setState({ kind: "saving" });
    try {
      await apiFetch(`/api/briefs/${encodeURIComponent(slug)}`, { method: "PATCH", json: patch });
      setState({ kind: "saved" });
      router.refresh();
    } catch (caught) {
      setState({ kind: "failed", text: errorText(locale, caught) });
    }
  };

  return (
    <form className="metadata-form" onSubmit={save} aria-describedby={`${id}-status`}>
      {fields.map((field) => (
        <label key={field.name}>
          {field.label}
          <input name={field.name} type={field.type ?? "text"} defaultValue={metadata[field.name] ?? ""} required={(REQUIRED as readonly string[]).includes(field.name)} />
        </label>
      ))}
      <button type="submit" disabled={state.kind === "saving"}>
        {words.previewPage.save}
      </button>
      <p id={`${id}-status`} role={state.kind === "failed" ? "alert" : "status"} className={state.kind === "failed" ? "form-error" : "muted"}>
        {state.kind === "saved" ? words.previewPage.saved : state.kind === "failed" ? state.text : ""}
      </p>
    </form>
  );
}
