/**
 * Compares what the brief says of an agreement with itself and with the public record.
 * Nothing here is typed in by hand: every discrepancy is derived from the events.
 */
import type { AgreementEvent, AgreementStatus, Discrepancy, EventKind } from "./agreement";
import { EVENT_KIND_LABELS, STATUS_LABELS } from "./agreement-labels";

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

/** The status the public record supports: the furthest any verified record event reached. */
export function statusFromRecord(events: AgreementEvent[]): AgreementStatus | null {
  let best: AgreementStatus | null = null;
  for (const event of events) {
    if (event.basis !== "reference" || event.unverified) continue;
    const status = STATUS_OF_EVENT[event.kind];
    if (status && (best === null || STATUS_RANK[status] > STATUS_RANK[best])) best = status;
  }
  return best;
}

function describe(event: AgreementEvent): string {
  return `${event.kind} ${event.date ?? "(no date)"}${event.note ? ` (${event.note})` : ""}`;
}

/** The same in Korean, for the Korean UI: `발효 2023-08-13 (note)`. */
function describeKo(event: AgreementEvent): string {
  return `${EVENT_KIND_LABELS[event.kind].ko} ${event.date ?? "(날짜 없음)"}${event.note ? ` (${event.note})` : ""}`;
}

const ko = (kind: EventKind) => EVENT_KIND_LABELS[kind].ko;

/** Every discrepancy between the brief's events, and between them and the record. */
export function findDiscrepancies(events: AgreementEvent[], briefStatus: AgreementStatus): Discrepancy[] {
  const brief = events.filter((event) => event.basis === "brief");
  const record = events.filter((event) => event.basis === "reference");
  const found: Discrepancy[] = [];

  // The brief against itself: the same kind of event with dates that cannot all be true.
  const briefKinds = [...new Set(brief.map((event) => event.kind))];
  for (const kind of briefKinds) {
    const dated = brief.filter((event) => event.kind === kind && event.date);
    const clashing = dated.filter((event) => dated.some((other) => !datesAgree(other.date as string, event.date as string)));
    if (clashing.length === 0) continue;
    const dates = [...new Set(clashing.map((event) => event.date as string))].sort();
    found.push({
      kind: "internal-conflict",
      severity: "conflict",
      message: `The brief gives different dates for ${kind}: ${dates.join(" and ")}.`,
      messageKo: `브리프가 ${ko(kind)} 시점을 서로 다르게 적고 있습니다: ${dates.join(", ")}.`,
      blockIds: [...new Set(clashing.flatMap((event) => event.blockIds ?? []))],
      eventKinds: [kind],
    });
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
          message: `No public source confirms the brief's ${event.kind} ${event.date}${unverified[0].note ? `: ${unverified[0].note}` : ""}.`,
          messageKo: `브리프의 ${ko(event.kind)} ${event.date}을(를) 확인해 줄 공개 출처가 없습니다${unverified[0].note ? ` (${unverified[0].note})` : ""}.`,
          blockIds,
          eventKinds: [event.kind],
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
      const wording = event.kind === "regular-since" ? " (정례화 may mean “made regular”: check the wording)" : "";
      found.push({
        kind: "differs-from-record",
        severity: event.kind === "regular-since" ? "check" : "conflict",
        message:
          `The brief says ${event.kind} ${event.date}; the record has ${sorted.map(describe).join(", ")}` +
          (fitsOther ? `; the brief's date matches the record's ${describe(fitsOther)}` : "") +
          `.${wording}`,
        messageKo:
          `브리프는 ${ko(event.kind)} ${event.date}, 공개 기록은 ${sorted.map(describeKo).join(", ")}입니다.` +
          (fitsOther ? ` 브리프의 날짜는 기록의 ${describeKo(fitsOther)}과(와) 맞습니다.` : "") +
          (event.kind === "regular-since" ? " ‘정례화’는 정례로 만들었다는 뜻일 수 있으니 표현을 확인하세요." : ""),
        blockIds,
        eventKinds: [...new Set([event.kind, ...sorted.map((other) => other.kind)])],
      });
    } else if (sorted[0] !== matching[0] && !matching.includes(sorted[0])) {
      // The brief's date fits a later event of the kind; an earlier one exists too.
      found.push({
        kind: "differs-from-record",
        severity: "note",
        message: `The brief's ${event.kind} ${event.date} matches the record's ${describe(matching[0])}; the record also has an earlier ${describe(sorted[0])}.`,
        messageKo: `브리프의 ${ko(event.kind)} ${event.date}은(는) 기록의 ${describeKo(matching[0])}과(와) 맞지만, 기록에는 그보다 이른 ${describeKo(sorted[0])}도 있습니다.`,
        blockIds,
        eventKinds: [event.kind],
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
      message: `The brief reports ${briefStatus}; since then the record shows ${advancing.map(describe).join(", ")}.`,
      messageKo: `브리프는 ‘${STATUS_LABELS[briefStatus].ko}’ 상태로 적었으나, 이후 기록에는 ${advancing.map(describeKo).join(", ")}이(가) 있습니다.`,
      blockIds: [...new Set(brief.flatMap((event) => event.blockIds ?? []))],
      eventKinds: [...new Set(advancing.map((event) => event.kind))],
    });
  }
  return found;
}
