"use client";

/** Publishes a brief's draft, then opens it in the reader; a refusal is said in the reader's language. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import { libraryMessages } from "@/lib/i18n/library-messages";
import type { Locale } from "@/lib/i18n/messages";

export function PublishButton({ slug, locale }: { slug: string; locale: Locale }) {
  const words = libraryMessages[locale];
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/briefs/${encodeURIComponent(slug)}/publish`, { method: "POST" });
      router.push(`/briefs/${slug}`);
    } catch (caught) {
      setError(errorText(locale, caught));
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="publish-button" onClick={publish} disabled={busy}>
        {busy ? words.previewPage.publishing : words.previewPage.publish}
      </button>
      {error && (
        <span role="alert" className="form-error">
          {" "}
          {error}
        </span>
      )}
    </>
  );
}
