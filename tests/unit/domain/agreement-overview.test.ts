import { describe, expect, it } from "vitest";
import type { AgreementEvent, AgreementRecord } from "@/lib/domain/agreement";
import { timeline } from "@/lib/domain/agreement-overview";

function record(id: string, events: AgreementEvent[]): AgreementRecord {
  return { id, kind: "raa", parties: ["jp", id], names: { ko: id, en: id }, description: { ko: "", en: "" }, brief: "b", status: "in-force", currentStatus: null, events, discrepancies: [] };
}

describe("timeline", () => {
  it("orders the years, and the events within a year by date, a bare year first", () => {
    const rows = timeline([
      record("gb", [{ kind: "in-force", date: "2023-10-11", basis: "reference" }, { kind: "signed", date: "2023-01-11", basis: "reference" }]),
      record("au", [{ kind: "signed", date: "2022-01-06", basis: "reference" }, { kind: "in-force", date: "2023-08-13", basis: "reference" }, { kind: "in-force", date: "2023", basis: "brief" }]),
      record("ph", [{ kind: "signed", date: "2023-02", basis: "reference" }, { kind: "signed", date: "2024-07-08", basis: "reference", unverified: true }]),
    ]);
    expect(rows.map((row) => row.year)).toEqual(["2022", "2023"]);
    expect(rows[1].reference.map((item) => `${item.record.id} ${item.date}`)).toEqual(["gb 2023-01-11", "ph 2023-02", "au 2023-08-13", "gb 2023-10-11"]);
    expect(rows[1].brief.map((item) => item.date)).toEqual(["2023"]);
  });
});
