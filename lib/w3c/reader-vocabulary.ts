/**
 * The `reader:` terms: what this reader says of an annotation that the Web Annotation
 * vocabulary has no word for. Declared once, here: the JSON-LD context served at the namespace
 * IRI (`<origin>/ns/reader`, so `reader:visibility` resolves) and the page for people beside it
 * are both made from this list. Pure.
 */
import { readerContext } from "./web-annotation";

/** One extension term: its name after `reader:`, what values it takes, and what it means. */
export interface ReaderTerm {
  name: string;
  values: string;
  description: { en: string; ko: string };
  /** The JSON-LD term definition beyond its `@id`. */
  definition?: Record<string, unknown>;
}

export const READER_TERMS: readonly ReaderTerm[] = [
  {
    name: "visibility",
    values: '"private" | "group" | "shared"',
    description: {
      en: "Who may see the annotation: its author only, the members of its group (reader:group), or every signed-in member of this reader. A reply has its parent's, or is private.",
      ko: "주석을 볼 수 있는 사람: 작성자만, 그 그룹(reader:group)의 구성원, 또는 로그인한 모든 구성원. 답글은 원래 주석과 같거나 비공개입니다.",
    },
  },
  {
    name: "group",
    values: "IRI",
    description: {
      en: 'For reader:visibility "group": the group whose members may see the annotation (its resource in this reader\'s API, readable by its members).',
      ko: 'reader:visibility가 "group"일 때: 주석을 볼 수 있는 구성원의 그룹(이 리더 API의 그룹 자원, 구성원만 읽을 수 있음).',
    },
    definition: { "@type": "@id" },
  },
  {
    name: "color",
    values: '"#rrggbb"',
    description: { en: "The colour the reader paints the highlight in.", ko: "리더가 하이라이트를 칠하는 색." },
  },
  {
    name: "anchor",
    values: '{ "status": "exact" | "moved" | "fuzzy" | "orphaned", "score": 0–1 }',
    description: {
      en: "How the quoted passage was found on the brief's current text after a revision, and how closely it matched; an orphaned annotation keeps the quote it was made on.",
      ko: "원문이 고쳐진 뒤 인용한 구절을 현재 원문에서 어떻게 찾았는지와 그 일치도. 자리 잃은 주석은 처음의 인용을 간직합니다.",
    },
    definition: { "@context": { status: "reader:anchorStatus", score: { "@id": "reader:anchorScore", "@type": "http://www.w3.org/2001/XMLSchema#double" } } },
  },
  {
    name: "brief",
    values: "IRI",
    description: {
      en: "For a note on an entity or agreement record (whose target names only that entity): the brief it was written in.",
      ko: "개체나 협정 기록에 단 노트(대상은 그 개체만 가리킴)가 쓰인 브리프.",
    },
    definition: { "@type": "@id" },
  },
];

/** The namespace IRI terms expand under: `<origin>/ns/reader#`. */
export function readerNamespace(base: string): string {
  return readerContext(base).reader;
}

/** The JSON-LD context document served at the namespace IRI, defining every term. */
export function readerContextDocument(base: string): { "@context": Record<string, unknown> } {
  const context: Record<string, unknown> = { "@version": 1.1, reader: readerNamespace(base) };
  for (const term of READER_TERMS) context[`reader:${term.name}`] = { "@id": `reader:${term.name}`, ...term.definition };
  return { "@context": context };
}
