import type { Messages } from "@/lib/i18n/messages";

/** The plain-string labels the agreement and entity views need (safe to pass to client components). */
export type DataLabels = Pick<
  Messages,
  | "entityKinds"
  | "statuses"
  | "eventKinds"
  | "discrepancyKinds"
  | "tiers"
  | "briefSays"
  | "recordSays"
  | "editorSays"
  | "addedByLabel"
  | "fromSeedLabel"
  | "statusInBrief"
  | "statusInRecord"
  | "unknown"
  | "events"
  | "discrepancies"
  | "noDiscrepancies"
  | "mentionsInText"
  | "noMentions"
  | "source"
  | "sentence"
  | "noSource"
  | "unverifiedLabel"
  | "openPage"
  | "closePanel"
  | "date"
  | "parties"
  | "claims"
  | "points"
  | "loading"
  | "loadFailed"
  | "relatedAgreements"
>;

export function dataLabels(t: Messages): DataLabels {
  const { entityKinds, statuses, eventKinds, discrepancyKinds, tiers, briefSays, recordSays, editorSays, addedByLabel, fromSeedLabel, statusInBrief, statusInRecord, unknown, events, discrepancies, noDiscrepancies, mentionsInText, noMentions, source, sentence, noSource, unverifiedLabel, openPage, closePanel, date, parties, claims, points, loading, loadFailed, relatedAgreements } = t;
  return { entityKinds, statuses, eventKinds, discrepancyKinds, tiers, briefSays, recordSays, editorSays, addedByLabel, fromSeedLabel, statusInBrief, statusInRecord, unknown, events, discrepancies, noDiscrepancies, mentionsInText, noMentions, source, sentence, noSource, unverifiedLabel, openPage, closePanel, date, parties, claims, points, loading, loadFailed, relatedAgreements };
}
