/** Agreement records and entities over real HTTP. */
import { describe, expect, inject, it } from "vitest";
import type { AgreementRecord } from "@/lib/domain/agreement";
import type { BriefView } from "@/lib/domain/brief";

const baseURL = inject("baseURL");

describe("GET /api/agreements", () => {
  it("returns every record with parties, statuses, events and discrepancies", async () => {
    const response = await fetch(`${baseURL}/api/agreements`);
    expect(response.status).toBe(200);
    const records = (await response.json()) as AgreementRecord[];
    expect(records.length).toBeGreaterThanOrEqual(20);
    const raa = records.find((record) => record.id === "raa-jp-gb");
    expect(raa).toMatchObject({ kind: "raa", parties: ["jp", "gb"], status: "in-force", currentStatus: "in-force" });
    expect(raa?.events.some((event) => event.basis === "reference" && event.date === "2023-10-15" && event.source?.tier === "official")).toBe(true);
  });

  it("returns CSV for ?format=csv, as a download", async () => {
    const response = await fetch(`${baseURL}/api/agreements?format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const text = await response.text();
    expect(text.split("\r\n")[0]).toContain("id,kind,parties,status,current_status");
    expect(text).toContain("raa-jp-ph");
  });

  it("refuses an unknown format with 400 naming the field", async () => {
    const response = await fetch(`${baseURL}/api/agreements?format=xml`);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "invalid_input", field: "format" });
  });
});

describe("GET /api/agreements/<id>", () => {
  it("returns one record whose brief events point at sentences of the brief", async () => {
    const record = (await (await fetch(`${baseURL}/api/agreements/raa-jp-au`)).json()) as AgreementRecord;
    const brief = (await (await fetch(`${baseURL}/api/briefs/japan-quasi-alliance`)).json()) as BriefView;
    const blockIds = new Set(brief.sections.flatMap((section) => section.blocks.map((block) => block.id)));
    const briefEvents = record.events.filter((event) => event.basis === "brief");
    expect(briefEvents.length).toBeGreaterThan(0);
    for (const event of briefEvents) for (const id of event.blockIds ?? []) expect(blockIds.has(id)).toBe(true);
    expect(record.discrepancies.map((item) => item.kind)).toContain("internal-conflict");
  });

  it("answers an unknown id with 404 naming the field", async () => {
    const response = await fetch(`${baseURL}/api/agreements/raa-jp-zz`);
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: "not_found", field: "id" });
  });
});

describe("entities and mentions", () => {
  it("lists entities with ids following one convention", async () => {
    const entities = (await (await fetch(`${baseURL}/api/entities`)).json()) as { id: string; kind: string }[];
    const ids = new Set(entities.map((entity) => entity.id));
    for (const id of ["jp", "us", "gb", "fr", "au", "ph", "kr", "it", "cn", "ru", "in", "nz", "transfer", "gsomia", "acsa", "raa", "osa", "sofa", "vfa", "2plus2", "quad", "aukus", "cptpp", "ip4", "gcap", "us-jp-alliance", "kr-us-alliance"]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it("returns an entity with the blocks that mention it", async () => {
    const body = (await (await fetch(`${baseURL}/api/entities/raa-jp-gb`)).json()) as { entity: { id: string }; mentions: { blockId: string; text: string }[] };
    expect(body.entity.id).toBe("raa-jp-gb");
    expect(body.mentions.some((place) => place.text.includes("영일 RAA"))).toBe(true);
  });

  it("puts mentions in the document API with code-point offsets", async () => {
    const brief = (await (await fetch(`${baseURL}/api/briefs/japan-quasi-alliance`)).json()) as BriefView;
    const block = brief.sections[2].blocks.find((item) => item.text.startsWith("특히 영일 RAA"));
    expect(block?.mentions[0]).toEqual({ entityId: "raa-jp-gb", start: 3, end: 9, surface: "영일 RAA", source: "linker" });
  });
});
