/**
 * Discrepancies in words: the facts `lib/domain/discrepancies.ts` finds, described in English (the
 * API's `message`) and Korean (`messageKo`, for the Korean UI). Kept apart from the finding so
 * that the domain says what differs and this module alone says how it reads.
 */
import type { AgreementEvent, AgreementStatus, Discrepancy } from "@/lib/domain/agreement";
import { type DiscrepancyFacts, findDiscrepancyFacts } from "@/lib/domain/discrepancies";
import { EVENT_KIND_LABELS, STATUS_LABELS } from "./agreement-labels";
import { withParticle } from "./particles";

/** An event in English words, not its code: `in force 2023-08-13 (note)`. */
function describe(event: AgreementEvent): string {
  return `${en(event)} ${event.date ?? "(no date)"}${event.note ? ` (${event.note})` : ""}`;
}

const en = (event: { kind: AgreementEvent["kind"] }) => EVENT_KIND_LABELS[event.kind].en.toLowerCase();

/** The same in Korean, for the Korean UI: `발효 2023-08-13 (note)`. */
function describeKo(event: AgreementEvent): string {
  return `${EVENT_KIND_LABELS[event.kind].ko} ${event.date ?? "(날짜 없음)"}${event.note ? ` (${event.note})` : ""}`;
}

const ko = (event: AgreementEvent) => EVENT_KIND_LABELS[event.kind].ko;

/** The English and Korean sentences for one discrepancy. */
export function discrepancyWords(facts: DiscrepancyFacts): { message: string; messageKo: string } {
  switch (facts.reason) {
    case "dates-clash":
      return {
        message: `The brief gives different dates for ${EVENT_KIND_LABELS[facts.eventKind].en.toLowerCase()}: ${facts.dates.join(" and ")}.`,
        messageKo: `브리프가 ${EVENT_KIND_LABELS[facts.eventKind].ko} 시점을 서로 다르게 적고 있습니다: ${facts.dates.join(", ")}.`,
      };
    case "briefs-differ": {
      const label = EVENT_KIND_LABELS[facts.eventKind];
      return {
        message: `The briefs give different dates for ${facts.eventKind}: ${facts.byBrief.map((entry) => `${entry.brief} says ${entry.dates.join(" and ")}`).join("; ")}.`,
        messageKo: `브리프마다 ${label.ko} 시점이 다릅니다: ${facts.byBrief.map((entry) => `${entry.brief} ${entry.dates.join(", ")}`).join("; ")}.`,
      };
    }
    case "no-source": {
      const { event, note } = facts;
      return {
        message: `No public source confirms the brief's ${en(event)} ${event.date}${note ? `: ${note}` : ""}.`,
        messageKo: `브리프의 ${ko(event)} ${withParticle(event.date ?? "", "을/를")} 확인해 줄 공개 출처가 없습니다${note ? ` (${note})` : ""}.`,
      };
    }
    case "record-differs": {
      const { event, record, fitsOther } = facts;
      const regular = event.kind === "regular-since";
      return {
        message:
          `The brief says ${en(event)} ${event.date}; the record has ${record.map(describe).join(", ")}` +
          (fitsOther ? `; the brief's date matches the record's ${describe(fitsOther)}` : "") +
          `.${regular ? " (정례화 may mean “made regular”: check the wording)" : ""}`,
        messageKo:
          `브리프는 ${ko(event)} ${event.date}, 공개 기록은 ${record.map(describeKo).join(", ")}입니다.` +
          (fitsOther ? ` 브리프의 날짜는 기록의 ${withParticle(describeKo(fitsOther), "과/와")} 맞습니다.` : "") +
          (regular ? " ‘정례화’는 정례로 만들었다는 뜻일 수 있으니 표현을 확인하세요." : ""),
      };
    }
    case "earlier-event-too": {
      const { event, matching, earliest } = facts;
      return {
        message: `The brief's ${en(event)} ${event.date} matches the record's ${describe(matching)}; the record also has an earlier ${describe(earliest)}.`,
        messageKo: `브리프의 ${ko(event)} ${withParticle(event.date ?? "", "은/는")} 기록의 ${withParticle(describeKo(matching), "과/와")} 맞지만, 기록에는 그보다 이른 ${describeKo(earliest)}도 있습니다.`,
      };
    }
    case "record-moved-on":
      return {
        message: `The brief reports ${STATUS_LABELS[facts.briefStatus].en.toLowerCase()}; since then the record shows ${facts.advancing.map(describe).join(", ")}.`,
        messageKo: `브리프는 ‘${STATUS_LABELS[facts.briefStatus].ko}’ 상태로 적었으나, 이후 기록에는 ${withParticle(facts.advancing.map(describeKo).join(", "), "이/가")} 있습니다.`,
      };
  }
}

/** Every discrepancy between the briefs' events, and between them and the record, in words. */
export function findDiscrepancies(events: AgreementEvent[], briefStatus: AgreementStatus, ownBrief?: string): Discrepancy[] {
  return findDiscrepancyFacts(events, briefStatus, ownBrief).map(({ facts, ...finding }) => ({ ...finding, ...discrepancyWords(facts) }));
}
