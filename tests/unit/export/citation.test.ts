import { describe, expect, it } from "vitest";
import { bibtex, bibtexValue, type CitableBrief, citationKey, cslJson, highwireTags, splitName } from "@/lib/export/citation";

const brief: CitableBrief = {
  slug: "japan-quasi-alliance",
  title: "일본의 '준동맹' 전략 구상에 따른 안보 네트워크 구축",
  author: "이기태",
  affiliation: "세종연구소",
  publisher: "세종연구소",
  language: "ko",
  url: "https://reader.example/briefs/japan-quasi-alliance",
};

describe("splitName", () => {
  it("takes a Korean name's first syllable as the family name, two for the two-syllable families", () => {
    expect(splitName("이기태")).toEqual({ family: "이", given: "기태" });
    expect(splitName("남궁민수")).toEqual({ family: "남궁", given: "민수" });
    // Three syllables starting with a two-syllable family's letters is still a one-syllable family.
    expect(splitName("황보라")).toEqual({ family: "황", given: "보라" });
  });

  it("reads 'Given Family' and 'Family, Given' for other names", () => {
    expect(splitName("Jane Q. Doe")).toEqual({ family: "Doe", given: "Jane Q." });
    expect(splitName("Doe, Jane")).toEqual({ family: "Doe", given: "Jane" });
    expect(splitName("UNESCO")).toEqual({ family: "UNESCO" });
  });
});

describe("highwireTags", () => {
  it("names title, author as 'Family, Given', institute and URL, so Zotero saves a report", () => {
    const tags = highwireTags({ ...brief, published: "2024-03-05", sourceUrl: "https://sejong.org/brief/2024-5.pdf" });
    expect(tags).toEqual([
      ["citation_title", brief.title],
      ["citation_author", "이, 기태"],
      ["citation_publication_date", "2024/03/05"],
      ["citation_date", "2024/03/05"],
      ["citation_technical_report_institution", "세종연구소"],
      ["citation_publisher", "세종연구소"],
      ["citation_language", "ko"],
      ["citation_public_url", brief.url],
      ["citation_pdf_url", "https://sejong.org/brief/2024-5.pdf"],
    ]);
  });

  it("leaves out the date and the PDF when there are none, and lists several authors", () => {
    const tags = highwireTags({ ...brief, author: "이기태, 김민수" });
    expect(tags.filter(([name]) => name === "citation_author").map(([, value]) => value)).toEqual(["이, 기태", "김, 민수"]);
    expect(tags.some(([name]) => name === "citation_date" || name === "citation_pdf_url")).toBe(false);
  });
});

describe("cslJson and bibtex", () => {
  it("describes the brief as a CSL report with its key, authors and date parts", () => {
    expect(cslJson({ ...brief, published: "2024-03" })).toEqual([
      {
        id: "japan-quasi-alliance-2024",
        type: "report",
        title: brief.title,
        author: [{ family: "이", given: "기태" }],
        publisher: "세종연구소",
        issued: { "date-parts": [[2024, 3]] },
        language: "ko",
        URL: brief.url,
      },
    ]);
  });

  it("writes one @techreport entry with TeX's special characters escaped", () => {
    const entry = bibtex({ ...brief, title: "50% & more: {braces} #1 a_b", published: "2024" });
    expect(entry).toBe(
      [
        "@techreport{japan-quasi-alliance-2024,",
        "  title = {{50\\% \\& more: \\{braces\\} \\#1 a\\_b}},",
        "  author = {이, 기태},",
        "  institution = {세종연구소},",
        "  year = {2024},",
        `  url = {${brief.url}},`,
        "  language = {korean}",
        "}",
        "",
      ].join("\n"),
    );
    expect(bibtexValue("a\\b ~ ^")).toBe("a\\textbackslash{}b \\textasciitilde{} \\textasciicircum{}");
  });

  it("shares one citation key, with the year only when it is known", () => {
    expect(citationKey(brief)).toBe("japan-quasi-alliance");
    expect(citationKey({ slug: "x", published: "2023-01-02" })).toBe("x-2023");
  });
});
