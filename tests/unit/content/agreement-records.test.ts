/** The curated records of the brief: loaded, validated, tied to sentences, compared. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAgreementRecords } from "@/lib/content/agreement-records";
import { parseBrief } from "@/lib/content/pipeline";
import { loadSeedBrief } from "@/lib/content/seed-briefs";
import { loadRegistry } from "@/lib/content/registry";
import type { AgreementRecord } from "@/lib/domain/agreement";
import { agreementsToCsv } from "@/lib/domain/agreements-csv";

let records: AgreementRecord[];
let textOf: (blockId: string) => string;

beforeAll(async () => {
  const registry = await loadRegistry();
  const brief = await loadSeedBrief("japan-quasi-alliance");
  records = buildAgreementRecords(registry.agreements, new Map([["japan-quasi-alliance", brief.parsed.document]]));
  const blocks = brief.parsed.document.sections.flatMap((section) => section.blocks);
  textOf = (id) => blocks.find((block) => block.id === id)?.text ?? "";
});

const byId = (id: string) => records.find((record) => record.id === id) as AgreementRecord;

describe("agreement records", () => {
  it("cover every agreement the brief names with the UK, France, Australia, the Philippines, and the proposed Korea ones", () => {
    const ids = records.map((record) => record.id).sort();
    for (const id of ["transfer-jp-gb", "gsomia-jp-gb", "acsa-jp-gb", "raa-jp-gb", "2plus2-jp-gb", "raa-jp-fr", "2plus2-jp-fr", "raa-jp-au", "acsa-jp-au", "raa-jp-ph", "acsa-jp-ph", "gsomia-jp-ph", "osa-jp-ph", "acsa-jp-kr", "raa-jp-kr"]) {
      expect(ids).toContain(id);
    }
    expect(byId("acsa-jp-kr").status).toBe("proposed");
    expect(byId("raa-jp-kr").status).toBe("proposed");
  });

  it("tie each brief event to the sentence that states it", () => {
    const inForce = byId("raa-jp-gb").events.find((event) => event.basis === "brief" && event.kind === "in-force");
    expect(inForce?.date).toBe("2023");
    expect(textOf(inForce?.blockIds?.[0] ?? "")).toContain("상호접근협정(RAA, 2023년 발효)");
  });

  it("find the brief's two entry-into-force years for the Japan–Australia RAA", () => {
    const conflict = byId("raa-jp-au").discrepancies.find((item) => item.kind === "internal-conflict");
    expect(conflict?.message).toContain("2022-01 and 2023");
    const texts = conflict?.blockIds.map(textOf) ?? [];
    expect(texts.some((text) => text.includes("2022년 1월 발효된 일호 RAA"))).toBe(true);
    expect(texts.some((text) => text.includes("RAA(2023년 발효)"))).toBe(true);
  });

  it("flag the 2+2 start years as differing from the record", () => {
    expect(byId("2plus2-jp-gb").discrepancies.map((item) => item.kind)).toContain("differs-from-record");
    expect(byId("2plus2-jp-fr").discrepancies.map((item) => item.kind)).toContain("differs-from-record");
  });

  it("show the Philippines RAA and ACSA as changed since the brief", () => {
    expect(byId("raa-jp-ph")).toMatchObject({ status: "signed", currentStatus: "in-force" });
    expect(byId("raa-jp-ph").discrepancies.map((item) => item.kind)).toContain("changed-since-brief");
    expect(byId("acsa-jp-ph")).toMatchObject({ status: "negotiating", currentStatus: "signed" });
  });

  it("note that the brief's 2017 Japan–Australia ACSA is the replacement of a 2013 one", () => {
    const [note] = byId("acsa-jp-au").discrepancies;
    expect(note.message).toContain("2013-01-31");
  });

  it("give every reference event a source, or mark it unverified or say why it has none", () => {
    for (const record of records) {
      for (const event of record.events.filter((item) => item.basis === "reference")) {
        expect(event.source || event.unverified || event.note, `${record.id} ${event.kind}`).toBeTruthy();
      }
    }
  });

  it("export as CSV with one row per event and a BOM for spreadsheets", () => {
    const csv = agreementsToCsv(records);
    const lines = csv.trimEnd().split("\r\n");
    expect(csv.startsWith("\uFEFFid,kind,parties,status,current_status,event_kind,date")).toBe(true);
    expect(lines).toHaveLength(1 + records.reduce((sum, record) => sum + record.events.length, 0));
    expect(csv).toContain("raa-jp-au,raa,jp au,in-force,in-force,in-force,2022-01,brief");
  });
});

describe("curated data validation", () => {
  function contentWith(file: string, entries: unknown) {
    const root = mkdtempSync(join(tmpdir(), "content-"));
    mkdirSync(join(root, "entities"));
    mkdirSync(join(root, "agreements"));
    writeFileSync(join(root, file), JSON.stringify(entries));
    return root;
  }

  it("names the file, the entry and the field of a bad entity", async () => {
    const root = contentWith("entities/countries.json", [{ id: "xx", kind: "country", names: { ko: "가" }, aliases: ["가"], description: { ko: "-", en: "-" } }]);
    await expect(loadRegistry(root)).rejects.toThrow(/entities\/countries\.json: entry 0 \(“xx”\): field names\.en/);
  });

  it("refuses an agreement id that does not follow <kind>-jp-<partner>", async () => {
    const root = contentWith("agreements/jp-xx.json", [
      {
        id: "raa-jp-zz",
        kind: "raa",
        parties: ["jp", "gb"],
        names: { ko: "가", en: "a" },
        description: { ko: "-", en: "-" },
        brief: { slug: "japan-quasi-alliance", status: "proposed", events: [] },
        record: { events: [] },
      },
    ]);
    await expect(loadRegistry(root)).rejects.toThrow(/agreements\/jp-xx\.json: entry 0 \(“raa-jp-zz”\): field id/);
  });
});

describe("what several briefs say of one agreement", () => {
  const other = parseBrief(
    ["다른 브리프", "김연구 어느연구소 연구위원", "■ 영국", "❍ 일본과 영국의 상호접근협정은 2022년에 발효되었음.", "❍ 영일 물품역무상호제공협정(ACSA)은 2017년 발효되었음.", ""].join("\n"),
  ).document;

  it("lists each brief's events with the brief and sentence, and finds where the briefs disagree", async () => {
    const registry = await loadRegistry();
    const own = await loadSeedBrief("japan-quasi-alliance");
    const inputs = registry.agreements.map((input) =>
      input.id === "raa-jp-gb"
        ? { ...input, events: [...input.events, { basis: "brief" as const, brief: "other-brief", kind: "in-force" as const, date: "2022", quote: "상호접근협정은 2022년에 발효" }] }
        : input,
    );
    const built = buildAgreementRecords(inputs, new Map([["japan-quasi-alliance", own.parsed.document], ["other-brief", other]]));
    const raa = built.find((record) => record.id === "raa-jp-gb") as AgreementRecord;
    const said = raa.events.filter((event) => event.basis === "brief" && event.kind === "in-force");
    expect(said.map((event) => [event.brief, event.date])).toEqual([["other-brief", "2022"], ["japan-quasi-alliance", "2023"], ["japan-quasi-alliance", "2023"]]);
    expect(other.sections[0].blocks.map((block) => block.id)).toContain(said[0].blockIds?.[0]);

    const between = raa.discrepancies.find((item) => item.kind === "differs-between-briefs");
    expect(between).toMatchObject({ severity: "conflict", eventKinds: ["in-force"], briefs: ["japan-quasi-alliance", "other-brief"] });
    expect(between?.message).toBe("The briefs give different dates for in-force: japan-quasi-alliance says 2023; other-brief says 2022.");
    expect(between?.blockIds).toEqual(expect.arrayContaining([...(said[0].blockIds ?? []), ...(said[1].blockIds ?? [])]));
    // Only the record's own brief contradicting itself is an internal conflict.
    expect(raa.discrepancies.some((item) => item.kind === "internal-conflict")).toBe(false);
  });

  it("leaves out what a brief not in the library says", async () => {
    const registry = await loadRegistry();
    const own = await loadSeedBrief("japan-quasi-alliance");
    const inputs = registry.agreements.map((input) => (input.id === "raa-jp-gb" ? { ...input, events: [...input.events, { basis: "brief" as const, brief: "gone", kind: "in-force" as const, date: "2020", quote: "없는 문장" }] } : input));
    const raa = buildAgreementRecords(inputs, new Map([["japan-quasi-alliance", own.parsed.document]])).find((record) => record.id === "raa-jp-gb") as AgreementRecord;
    expect(raa.events.every((event) => event.brief !== "gone")).toBe(true);
    expect(raa.discrepancies.some((item) => item.kind === "differs-between-briefs")).toBe(false);
  });
});
