import { describe, expect, it } from "vitest";
import { formatList, formatRecordDate, listParts } from "@/lib/i18n/dates";

describe("formatRecordDate", () => {
  it("writes full and month dates the reader's way, and leaves a bare year alone", () => {
    expect(formatRecordDate("ko", "2023-08-13")).toBe("2023. 8. 13.");
    expect(formatRecordDate("en", "2023-08-13")).toBe("13 Aug 2023");
    expect(formatRecordDate("ko", "2022-01")).toBe("2022년 1월");
    expect(formatRecordDate("en", "2022-01")).toBe("January 2022");
    expect(formatRecordDate("ko", "2023")).toBe("2023");
    expect(formatRecordDate("en", "soon")).toBe("soon");
  });
});

describe("formatList", () => {
  it("joins names as the language does", () => {
    expect(formatList("en", ["Japan", "Australia"])).toBe("Japan and Australia");
    expect(formatList("ko", ["일본", "호주"])).toBe("일본 및 호주");
    expect(listParts("en", ["Japan", "UK", "Australia"])).toEqual([{ item: 0 }, { text: ", " }, { item: 1 }, { text: " and " }, { item: 2 }]);
  });
});
