"use client";

/** The suggestion list for editors: each frequent unlinked term, where it stands, and "make an entity" or "dismiss". */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Suggestion } from "@/lib/content/linking/suggest-terms";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import type { KnowledgeMessages } from "@/lib/i18n/knowledge-messages";

export function Suggestions({ suggestions, words, locale }: { suggestions: Suggestion[]; words: KnowledgeMessages; locale: "ko" | "en" }) {
  const router = useRouter();
  const [gone, setGone] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const w = words.suggestions;
  const shown = suggestions.filter((item) => !gone.has(item.term));
  if (shown.length === 0) return <p className="muted">{w.none}</p>;
  return (
    <>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <table className="suggestions">
        <thead>
          <tr>
            <th scope="col">{w.term}</th>
            <th scope="col">{w.kind}</th>
            <th scope="col">{w.count}</th>
            <th scope="col">{w.briefs}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={item.term}>
              <td>
                <Link href={`/briefs/${item.example.brief}#${item.example.blockId}`}>{item.term}</Link>
              </td>
              <td>{w.kinds[item.kind]}</td>
              <td>{item.count}</td>
              <td>{item.briefs}</td>
              <td>
                <Link href={`/knowledge?term=${encodeURIComponent(item.term)}#new-entity`}>{w.make}</Link>{" "}
                <button
                  type="button"
                  onClick={() => {
                    setError(null);
                    apiFetch("/api/knowledge/suggestions/dismissals", { method: "POST", json: { term: item.term } })
                      .then(() => {
                        setGone((current) => new Set([...current, item.term]));
                        router.refresh();
                      })
                      .catch((caught: unknown) => setError(errorText(locale, caught)));
                  }}
                >
                  {w.dismiss}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
