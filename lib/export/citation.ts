/**
 * A brief as reference managers read it: Highwire `citation_*` meta tags (what Zotero's connector
 * looks for on a page), CSL-JSON (Zotero, Mendeley, pandoc) and BibTeX, plus one citation key
 * shared by all three and by the exported notes. Pure: metadata in, text out.
 */
import type { BriefMetadata } from "@/lib/domain/brief";

/** What a citation needs to know about a brief (from brief.json and the page's address). */
export interface CitableBrief {
  slug: string;
  title: string;
  /** One or more authors, as written ("이기태", "Jane Doe"); several may be joined with "," or "·". */
  author: string;
  /** The institute that issued the brief (Highwire's technical-report institution). */
  affiliation?: string;
  publisher?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  published?: string;
  /** BCP 47, e.g. "ko". */
  language: string;
  /** The brief in this reader. */
  url: string;
  /** Where it was published, if known; a PDF there becomes `citation_pdf_url`. */
  sourceUrl?: string;
}

/** A brief's citation facts from its served view (the text's own title) and its metadata (brief.json). */
export function citableBrief(view: { slug: string; title: string; language: string }, metadata: BriefMetadata, url: string): CitableBrief {
  return {
    slug: view.slug,
    title: view.title,
    author: metadata.author,
    affiliation: metadata.affiliation,
    publisher: metadata.publisher,
    published: metadata.published,
    language: view.language,
    url,
    sourceUrl: metadata.sourceUrl,
  };
}

export interface PersonName {
  family: string;
  given?: string;
}

// Korean family names of two syllables; every other Korean name's family name is its first syllable.
const TWO_SYLLABLE_FAMILIES = new Set(["남궁", "독고", "동방", "사공", "서문", "선우", "제갈", "황보", "망절", "어금"]);
const HANGUL_NAME = /^[\uAC00-\uD7A3]{2,5}$/u;

/** One author's name split for citation styles: Korean family name first, others "Given Family" or "Family, Given". */
export function splitName(name: string): PersonName {
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (HANGUL_NAME.test(trimmed)) {
    const cut = TWO_SYLLABLE_FAMILIES.has(trimmed.slice(0, 2)) && trimmed.length > 3 ? 2 : 1;
    return { family: trimmed.slice(0, cut), given: trimmed.slice(cut) };
  }
  if (trimmed.includes(",")) {
    const [family, given] = trimmed.split(",", 2).map((part) => part.trim());
    return given ? { family, given } : { family };
  }
  const parts = trimmed.split(" ");
  if (parts.length === 1) return { family: trimmed };
  return { family: parts.at(-1) as string, given: parts.slice(0, -1).join(" ") };
}

/** The authors of a brief, split. */
export function authorsOf(brief: CitableBrief): PersonName[] {
  return brief.author
    .split(/\s*(?:[,;·]|\band\b|\s및\s)\s*/u)
    .map((name) => name.trim())
    .filter(Boolean)
    .map(splitName);
}

function dateParts(published: string | undefined): number[] | null {
  if (!published || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(published)) return null;
  return published.split("-").map(Number);
}

/**
 * A stable key: the slug (already lower-case ASCII), with the year when there is one. The slug
 * names the brief everywhere in this reader, so a note file and a library entry share it.
 */
export function citationKey(brief: Pick<CitableBrief, "slug" | "published">): string {
  const year = dateParts(brief.published)?.[0];
  return year && !brief.slug.endsWith(String(year)) ? `${brief.slug}-${year}` : brief.slug;
}

const isPdf = (url: string | undefined): url is string => !!url && /\.pdf(?:[?#].*)?$/i.test(url);

/** Highwire Press tags, in the order Zotero's Embedded Metadata translator reads them. */
export function highwireTags(brief: CitableBrief): [name: string, content: string][] {
  const tags: [string, string][] = [["citation_title", brief.title]];
  // "Family, Given": unambiguous for Korean names, which have no space to split at.
  for (const author of authorsOf(brief)) tags.push(["citation_author", author.given ? `${author.family}, ${author.given}` : author.family]);
  const parts = dateParts(brief.published);
  if (parts) {
    const date = parts.map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, "0"))).join("/");
    tags.push(["citation_publication_date", date], ["citation_date", date]);
  }
  const institution = brief.affiliation ?? brief.publisher;
  // A technical-report institution makes Zotero save the page as a Report.
  if (institution) tags.push(["citation_technical_report_institution", institution]);
  if (brief.publisher) tags.push(["citation_publisher", brief.publisher]);
  tags.push(["citation_language", brief.language], ["citation_public_url", brief.url]);
  if (isPdf(brief.sourceUrl)) tags.push(["citation_pdf_url", brief.sourceUrl]);
  else if (brief.sourceUrl) tags.push(["citation_abstract_html_url", brief.sourceUrl]);
  return tags;
}

/** One CSL-JSON item (an array of one, as Zotero and pandoc import it). */
export function cslJson(brief: CitableBrief): Record<string, unknown>[] {
  const parts = dateParts(brief.published);
  return [
    {
      id: citationKey(brief),
      type: "report",
      title: brief.title,
      author: authorsOf(brief).map((name) => (name.given ? { family: name.family, given: name.given } : { literal: name.family })),
      ...(brief.publisher || brief.affiliation ? { publisher: brief.publisher ?? brief.affiliation } : {}),
      ...(brief.affiliation && brief.publisher && brief.affiliation !== brief.publisher ? { authority: brief.affiliation } : {}),
      ...(parts ? { issued: { "date-parts": [parts] } } : {}),
      language: brief.language,
      URL: brief.sourceUrl ?? brief.url,
      ...(brief.sourceUrl ? { note: `Annotated copy: ${brief.url}` } : {}),
    },
  ];
}

/** Text as a BibTeX field value: braces balanced, TeX's special characters escaped. */
export function bibtexValue(text: string): string {
  const named: Record<string, string> = { "\\": "\\textbackslash{}", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}" };
  // One pass, so that the braces of `\textbackslash{}` are not escaped in turn.
  return text
    .replace(/[\\~^{}%&$#_]/g, (char) => named[char] ?? `\\${char}`)
    .replace(/\s+/g, " ")
    .trim();
}

const BIBTEX_LANGUAGES: Record<string, string> = { ko: "korean", en: "english", ja: "japanese", zh: "chinese" };

/** One `@techreport` entry (biblatex reads it as `@report`). */
export function bibtex(brief: CitableBrief): string {
  const parts = dateParts(brief.published);
  const fields: [string, string][] = [
    ["title", `{${bibtexValue(brief.title)}}`],
    ["author", authorsOf(brief).map((name) => (name.given ? `${bibtexValue(name.family)}, ${bibtexValue(name.given)}` : `{${bibtexValue(name.family)}}`)).join(" and ")],
  ];
  const institution = brief.affiliation ?? brief.publisher;
  if (institution) fields.push(["institution", bibtexValue(institution)]);
  if (parts) {
    fields.push(["year", String(parts[0])]);
    if (parts[1]) fields.push(["month", String(parts[1])]);
  }
  fields.push(["url", brief.sourceUrl ?? brief.url], ["language", BIBTEX_LANGUAGES[brief.language.split("-")[0]] ?? brief.language]);
  if (brief.sourceUrl) fields.push(["note", `Annotated copy: \\url{${brief.url}}`]);
  return `@techreport{${citationKey(brief)},\n${fields.map(([name, value]) => `  ${name} = {${value}}`).join(",\n")}\n}\n`;
}
