/** Words for statuses and event kinds in both UI languages: one source for the UI and for messages. */
import type { AgreementStatus, EventKind } from "@/lib/domain/agreement";

export type Bilingual = { ko: string; en: string };

export const STATUS_LABELS: Record<AgreementStatus, Bilingual> = {
  proposed: { ko: "제안", en: "Proposed" },
  "under-discussion": { ko: "논의 중", en: "Under discussion" },
  negotiating: { ko: "협상 중", en: "Negotiating" },
  signed: { ko: "서명", en: "Signed" },
  "in-force": { ko: "발효", en: "In force" },
  applied: { ko: "적용", en: "Applied" },
};

export const EVENT_KIND_LABELS: Record<EventKind, Bilingual> = {
  proposed: { ko: "제안", en: "Proposed" },
  "talks-started": { ko: "논의 개시", en: "Talks started" },
  "negotiations-agreed": { ko: "협상 개시 합의", en: "Negotiations agreed" },
  "negotiations-started": { ko: "협상 개시", en: "Negotiations started" },
  "first-negotiating-round": { ko: "첫 협상", en: "First round" },
  signed: { ko: "서명", en: "Signed" },
  "in-force": { ko: "발효", en: "In force" },
  amended: { ko: "개정", en: "Amended" },
  "first-meeting": { ko: "첫 회의", en: "First meeting" },
  meeting: { ko: "회의", en: "Meeting" },
  "regular-since": { ko: "정례화", en: "Regular since" },
  applied: { ko: "적용", en: "Applied" },
  "exchange-of-notes": { ko: "교환공문", en: "Exchange of notes" },
};

export function pick<K extends string>(labels: Record<K, Bilingual>, locale: keyof Bilingual): Record<K, string> {
  return Object.fromEntries(Object.entries(labels).map(([key, value]) => [key, (value as Bilingual)[locale]])) as Record<K, string>;
}
