import { describe, expect, it } from "vitest";
import type { AgreementEvent } from "@/lib/domain/agreement";
import { datesAgree, statusFromRecord } from "@/lib/domain/discrepancies";
import { findDiscrepancies } from "@/lib/i18n/discrepancies";

const source = { url: "https://example.org/record", publisher: "Example", tier: "official" as const };
const brief = (kind: AgreementEvent["kind"], date: string | undefined, blockId: string): AgreementEvent => ({ kind, date, basis: "brief", blockIds: [blockId] });
const record = (kind: AgreementEvent["kind"], date: string, note?: string): AgreementEvent => ({ kind, date, basis: "reference", source, note });

describe("comparing dates of different precision", () => {
  it("treats a year as agreeing with any day in it, and not with another year", () => {
    expect(datesAgree("2023", "2023-10-15")).toBe(true);
    expect(datesAgree("2022-01", "2022-01-06")).toBe(true);
    expect(datesAgree("2022-01", "2023-08-13")).toBe(false);
  });
});

describe("finding discrepancies", () => {
  it("finds nothing when the brief and the record agree", () => {
    expect(findDiscrepancies([brief("in-force", "2023", "b1"), record("signed", "2023-01-11"), record("in-force", "2023-10-15")], "in-force")).toEqual([]);
  });

  it("reports the brief contradicting itself, once, with both sentences", () => {
    const found = findDiscrepancies(
      [brief("in-force", "2022-01", "b1"), brief("in-force", "2023", "b2"), brief("in-force", "2023", "b3"), record("in-force", "2023-08-13")],
      "in-force",
    ).filter((item) => item.kind === "internal-conflict");
    expect(found).toHaveLength(1);
    expect(found[0].blockIds.sort()).toEqual(["b1", "b2", "b3"]);
    expect(found[0].messageKo).toBe("브리프가 발효 시점을 서로 다르게 적고 있습니다: 2022-01, 2023.");
  });

  it("reports a date that differs from the record, and which recorded event it matches instead", () => {
    const [found] = findDiscrepancies([brief("in-force", "2022-01", "b1"), record("signed", "2022-01-06"), record("in-force", "2023-08-13")], "in-force");
    expect(found.kind).toBe("differs-from-record");
    expect(found.severity).toBe("conflict");
    expect(found.message).toContain("signed 2022-01-06");
    expect(found.blockIds).toEqual(["b1"]);
  });

  it("compares 'regular since' with the first meeting, as a difference to check", () => {
    const [found] = findDiscrepancies([brief("regular-since", "2017", "b1"), record("first-meeting", "2015-01-21")], "in-force");
    expect(found).toMatchObject({ kind: "differs-from-record", severity: "check", eventKinds: ["regular-since", "first-meeting"] });
  });

  it("reports a record that moved on after the brief", () => {
    const found = findDiscrepancies([brief("signed", "2024-07", "b1"), record("signed", "2024-07-08"), record("in-force", "2025-09-11")], "signed");
    expect(found).toEqual([expect.objectContaining({ kind: "changed-since-brief", eventKinds: ["in-force"] })]);
  });

  it("flags a brief event that no public source confirms", () => {
    const found = findDiscrepancies([brief("amended", "2015", "b1"), { kind: "amended", date: "2015", basis: "reference", unverified: true, note: "none found" }], "in-force");
    expect(found.map((item) => item.kind)).toEqual(["unverified"]);
  });
});

describe("the current status from the record", () => {
  it("is the furthest verified event, ignoring unverified ones", () => {
    expect(statusFromRecord([record("signed", "2023-01-11"), { kind: "in-force", basis: "reference", unverified: true, note: "?" }])).toBe("signed");
    expect(statusFromRecord([record("negotiations-agreed", "2025-04-29"), record("signed", "2026-01-15")])).toBe("signed");
    expect(statusFromRecord([])).toBeNull();
  });
});
