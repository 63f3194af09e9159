/**
 * Compares what the brief says of an agreement with itself and with the public record.
 * Nothing here is typed in by hand: every discrepancy is derived from the events. What is found
 * is stated as facts (which events, which dates); putting them in words, in each UI language, is
 * lib/i18n/discrepancies.ts's job.
 */
import type { AgreementEvent, AgreementStatus, Discrepancy, EventKind } from "./agreement";

/** Two partial dates agree when one is a prefix of the other (`2023` and `2023-10-15`). */
export function datesAgree(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

// Record kinds that answer the same question as a brief kind. "Regular since" is compared with
// the first meeting, and "negotiations started" with the first sign of negotiations.
const COMPARABLE: Partial<Record<EventKind, EventKind[]>> = {
  "regular-since": ["first-meeting"],
  "negotiations-started": ["negotiations-started", "negotiations-agreed", "first-negotiating-round"],
  "negotiations-agreed": ["negotiations-agreed", "negotiations-started"],
  "talks-started": ["talks-started"],
  signed: ["signed"],
  "in-force": ["in-force"],
  amended: ["amended"],
  applied: ["applied", "exchange-of-notes"],
};

const STATUS_RANK: Record<AgreementStatus, number> = {
  proposed: 0,
  "under-discussion": 1,
  negotiating: 2,
  signed: 3,
  "in-force": 4,
  applied: 4,
};

const STATUS_OF_EVENT: Partial<Record<EventKind, AgreementStatus>> = {
  proposed: "proposed",
  "talks-started": "under-discussion",
  "negotiations-agreed": "negotiating",
  "negotiations-started": "negotiating",
  "first-negotiating-round": "negotiating",
  signed: "signed",
  "in-force": "in-force",
  amended: "in-force",
  "first-meeting": "in-force",
  meeting: "in-force",
  "regular-since": "in-force",
  applied: "applied",
  "exchange-of-notes": "applied",
};

/** The status the public record supports: the furthest any verified record (or editor's) event reached. */
export function statusFromRecord(events: AgreementEvent[]): AgreementStatus | null {
  let best: AgreementStatus | null = null;
  for (const event of events) {
    if (event.basis === "brief" || event.unverified) continue;
    const status = STATUS_OF_EVENT[event.kind];
    if (status && (best === null || STATUS_RANK[status] > STATUS_RANK[best])) best = status;
  }
  return best;
}

/** What a discrepancy rests on, for the words that describe it. */
export type DiscrepancyFacts =
  | { reason: "dates-clash"; eventKind: EventKind; dates: string[] }
  | { reason: "briefs-differ"; eventKind: EventKind; byBrief: { brief: string; dates: string[] }[] }
  | { reason: "no-source"; event: AgreementEvent; note?: string }
  | { reason: "record-differs"; event: AgreementEvent; record: AgreementEvent[]; fitsOther?: AgreementEvent }
  | { reason: "earlier-event-too"; event: AgreementEvent; matching: AgreementEvent; earliest: AgreementEvent }
  | { reason: "record-moved-on"; briefStatus: AgreementStatus; advancing: AgreementEvent[] };

/** The sentences a discrepancy points at, each with its brief. */
function sentencesOf(events: AgreementEvent[], ownBrief: string): { brief: string; blockId: string }[] {
  const seen = new Set<string>();
  const sentences: { brief: string; blockId: string }[] = [];
  for (const event of events) {
    for (const blockId of event.blockIds ?? []) {
      const brief = event.brief ?? ownBrief;
      if (seen.has(`${brief}#${blockId}`)) continue;
      seen.add(`${brief}#${blockId}`);
      sentences.push({ brief, blockId });
    }
  }
  return sentences;
}

/** A discrepancy before it is put in words. */
export type DiscrepancyFinding = Omit<Discrepancy, "message" | "messageKo"> & { facts: DiscrepancyFacts };

/**
 * Every discrepancy between a brief's events (within one brief, and between briefs), and between
 * them and the record. `ownBrief` is the brief the record is curated from: events that name no
 * brief are its, and it alone reports a status the record may have moved past.
 */
export function findDiscrepancyFacts(events: AgreementEvent[], briefStatus: AgreementStatus, ownBrief = ""): DiscrepancyFinding[] {
  const brief = events.filter((event) => event.basis === "brief");
  // An editor's correction stands with the public record: it is the institute's own curation.
  const record = events.filter((event) => event.basis !== "brief");
  const found: DiscrepancyFinding[] = [];
  const briefOf = (event: AgreementEvent) => event.brief ?? ownBrief;
  const slugs = [...new Set([ownBrief, ...brief.map(briefOf)])].filter((slug) => brief.some((event) => briefOf(event) === slug));

  // Each brief against itself: the same kind of event with dates that cannot all be true.
  for (const slug of slugs) {
    const own = brief.filter((event) => briefOf(event) === slug);
    for (const kind of [...new Set(own.map((event) => event.kind))]) {
      const dated = own.filter((event) => event.kind === kind && event.date);
      const clashing = dated.filter((event) => dated.some((other) => !datesAgree(other.date as string, event.date as string)));
      if (clashing.length === 0) continue;
      const dates = [...new Set(clashing.map((event) => event.date as string))].sort();
      found.push({
        kind: "internal-conflict",
        severity: "conflict",
        facts: { reason: "dates-clash", eventKind: kind, dates },
        blockIds: [...new Set(clashing.flatMap((event) => event.blockIds ?? []))],
        eventKinds: [kind],
        briefs: [slug],
        sentences: sentencesOf(clashing, ownBrief),
      });
    }
  }

  // Briefs against each other: one says in force in 2022, another in 2023.
  if (slugs.length > 1) {
    for (const kind of [...new Set(brief.map((event) => event.kind))]) {
      const byBrief = slugs
        .map((slug) => ({ brief: slug, events: brief.filter((event) => briefOf(event) === slug && event.kind === kind && event.date) }))
        .filter((entry) => entry.events.length > 0);
      const disagree = byBrief.some((a, i) =>
        byBrief.slice(i + 1).some((b) => a.events.some((x) => b.events.some((y) => !datesAgree(x.date as string, y.date as string)))),
      );
      if (!disagree) continue;
      found.push({
        kind: "differs-between-briefs",
        severity: "conflict",
        facts: { reason: "briefs-differ", eventKind: kind, byBrief: byBrief.map((entry) => ({ brief: entry.brief, dates: [...new Set(entry.events.map((event) => event.date as string))].sort() })) },
        blockIds: [...new Set(byBrief.flatMap((entry) => entry.events.flatMap((event) => event.blockIds ?? [])))],
        eventKinds: [kind],
        briefs: byBrief.map((entry) => entry.brief),
        sentences: sentencesOf(byBrief.flatMap((entry) => entry.events), ownBrief),
      });
    }
  }

  // The brief against the record.
  for (const event of brief) {
    if (!event.date) continue;
    const kinds = COMPARABLE[event.kind] ?? [event.kind];
    const comparable = record.filter((other) => kinds.includes(other.kind));
    const unverified = comparable.filter((other) => other.unverified);
    const dated = comparable.filter((other) => !other.unverified && other.date);
    const blockIds = event.blockIds ?? [];
    if (dated.length === 0) {
      if (unverified.length > 0) {
        found.push({
          kind: "unverified",
          severity: "note",
          facts: { reason: "no-source", event, note: unverified[0].note },
          blockIds,
          eventKinds: [event.kind],
          briefs: [briefOf(event)],
          sentences: sentencesOf([event], ownBrief),
        });
      }
      continue;
    }
    const matching = dated.filter((other) => datesAgree(other.date as string, event.date as string));
    const sorted = [...dated].sort((a, b) => (a.date as string).localeCompare(b.date as string));
    if (matching.length === 0) {
      // Say which other recorded event the brief's date does fit, if any: that is usually the slip.
      const fitsOther = record.find(
        (other) => !other.unverified && other.date && !kinds.includes(other.kind) && datesAgree(other.date, event.date as string),
      );
      found.push({
        kind: "differs-from-record",
        severity: event.kind === "regular-since" ? "check" : "conflict",
        facts: { reason: "record-differs", event, record: sorted, ...(fitsOther ? { fitsOther } : {}) },
        blockIds,
        eventKinds: [...new Set([event.kind, ...sorted.map((other) => other.kind)])],
        briefs: [briefOf(event)],
        sentences: sentencesOf([event], ownBrief),
      });
    } else if (sorted[0] !== matching[0] && !matching.includes(sorted[0])) {
      // The brief's date fits a later event of the kind; an earlier one exists too.
      found.push({
        kind: "differs-from-record",
        severity: "note",
        facts: { reason: "earlier-event-too", event, matching: matching[0], earliest: sorted[0] },
        blockIds,
        eventKinds: [event.kind],
        briefs: [briefOf(event)],
        sentences: sentencesOf([event], ownBrief),
      });
    }
  }

  // Later events: the record has moved past what the brief reports.
  const current = statusFromRecord(events);
  if (current && STATUS_RANK[current] > STATUS_RANK[briefStatus]) {
    const advancing = record
      .filter((event) => !event.unverified && STATUS_OF_EVENT[event.kind] && STATUS_RANK[STATUS_OF_EVENT[event.kind] as AgreementStatus] > STATUS_RANK[briefStatus])
      .sort((a, b) => (a.date ?? "").localeCompare(b.date ?? ""));
    found.push({
      kind: "changed-since-brief",
      severity: "note",
      facts: { reason: "record-moved-on", briefStatus, advancing },
      blockIds: [...new Set(brief.filter((event) => briefOf(event) === ownBrief).flatMap((event) => event.blockIds ?? []))],
      eventKinds: [...new Set(advancing.map((event) => event.kind))],
      briefs: [ownBrief],
      sentences: sentencesOf(brief.filter((event) => briefOf(event) === ownBrief), ownBrief),
    });
  }
  return found;
}
