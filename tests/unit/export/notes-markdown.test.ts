import type { Heading, Link, Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Annotation } from "@/lib/domain/annotation";
import { containNoteBody } from "@/lib/export/contain-body";
import { blockquote, escapeInline, obsidianTag } from "@/lib/export/markdown-syntax";
import { type NotesFileInput, notesMarkdown, withVisibleReplies } from "@/lib/export/notes-markdown";
import { messages } from "@/lib/i18n/messages";

const origin = "https://reader.example";
const t = messages.ko;
const labels = { ...t.exports.fileLabels, motivations: t.notes.motivations, private: t.notes.private, shared: t.notes.shared, group: t.notes.groupLabel, edited: t.notes.edited, reply: t.notes.reply, anchorMoved: t.notes.anchorMoved, anchorFuzzy: t.notes.anchorFuzzy, orphans: t.notes.orphans };

const brief: NotesFileInput["brief"] = {
  slug: "japan-quasi-alliance",
  title: "일본의 '준동맹' 전략",
  byline: "이기태 세종연구소",
  language: "ko",
  author: "이기태",
  publisher: "세종연구소",
  revision: "abc123",
  sections: [
    { id: "s-preface", title: "", blocks: [{ id: "c-pre" }] },
    { id: "s-one", title: "문제의 제기", blocks: [{ id: "c-one" }, { id: "p-two" }] },
    { id: "s-empty", title: "노트 없는 절", blocks: [{ id: "c-three" }] },
    { id: "s-four", title: "결론: *강조* #아님", blocks: [{ id: "c-four" }] },
  ],
};

let serial = 0;
function note(overrides: Partial<Annotation>): Annotation {
  serial += 1;
  return {
    id: `a${serial}`,
    brief: brief.slug,
    motivation: "commenting",
    group: null,
    visibility: "private",
    target: { blockId: "c-one", quote: { exact: "전수방위 원칙", prefix: "", suffix: "" }, position: { start: 10, end: 16 } },
    body: "",
    tags: [],
    parentId: null,
    author: { id: "u1", name: "앨리스" },
    created: `2026-11-24T09:${String(serial).padStart(2, "0")}:00.000Z`,
    modified: `2026-11-24T09:${String(serial).padStart(2, "0")}:00.000Z`,
    edited: false,
    deleted: false,
    hidden: false,
    anchor: { status: "exact", score: 1, revision: "abc123" },
    color: null,
    version: 1,
    canonical: null,
    via: null,
    ...overrides,
  };
}

function file(annotations: Annotation[], entities: NotesFileInput["entities"] = {}) {
  return notesMarkdown({ origin, brief, annotations, entities, exportedAt: new Date("2026-11-25T00:00:00Z"), labels });
}

/** Front matter (parsed as YAML) and the Markdown after it (parsed by remark). */
function split(markdown: string) {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error("no front matter");
  const tree = unified().use(remarkParse).parse(markdown.slice(match[0].length)) as Root;
  return { front: parseYaml(match[1]) as Record<string, unknown>, tree };
}

function headings(tree: Root, maxDepth = 6): string[] {
  const found: string[] = [];
  visit(tree, "heading", (node: Heading) => {
    if (node.depth > maxDepth) return;
    let text = "";
    visit(node, (child) => {
      if (child.type === "text" || child.type === "inlineCode") text += (child as { value: string }).value;
    });
    found.push(`${"#".repeat(node.depth)} ${text}`);
  });
  return found;
}

function links(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, "link", (node: Link) => {
    found.push(node.url);
  });
  return found;
}

describe("notesMarkdown", () => {
  const comment = note({ body: "**굵게** 쓴 메모와 [링크](https://example.org)", tags: ["RAA", "일본 필리핀", "2022"], visibility: "shared" });
  const highlight = note({ motivation: "highlighting", target: { blockId: "c-four", quote: { exact: "결론 문장", prefix: "", suffix: "" }, position: { start: 40, end: 45 } } });
  const earlier = note({ motivation: "questioning", body: "왜?", target: { blockId: "c-pre", quote: { exact: "머리 문장", prefix: "", suffix: "" }, position: { start: 0, end: 5 } } });
  const reply = note({ parentId: comment.id, target: null, body: "답합니다", author: { id: "u2", name: "밥" } });
  const onRecord = note({ target: { entityId: "raa-jp-gb" }, body: "영일 RAA 메모" });
  const orphan = note({ body: "잃어버린 노트", anchor: { status: "orphaned", score: 0, revision: "abc123" }, target: { blockId: "c-gone", quote: { exact: "지워진 문장", prefix: "", suffix: "" }, position: { start: 0, end: 0 } } });
  const fuzzy = note({ target: { blockId: "p-two", quote: { exact: "고쳐진 문장", prefix: "", suffix: "" }, position: { start: 30, end: 36 } }, anchor: { status: "fuzzy", score: 0.82, revision: "abc123" }, body: "퍼지" });
  const markdown = file([comment, highlight, earlier, reply, onRecord, orphan, fuzzy], { "raa-jp-gb": { name: "영일 RAA", record: true } });
  const { front, tree } = split(markdown);

  it("starts with YAML front matter that parses, with the brief, its URL, the export date and counts", () => {
    expect(front).toMatchObject({
      title: "일본의 '준동맹' 전략",
      byline: "이기태 세종연구소",
      author: "이기태",
      publisher: "세종연구소",
      brief: "japan-quasi-alliance",
      source: `${origin}/briefs/japan-quasi-alliance`,
      language: "ko",
      notes: 6,
      replies: 1,
      highlights: 1,
      comments: 4,
      questions: 1,
      orphaned: 1,
      tags: ["2022".replace(/^/, "_"), "RAA", "일본_필리핀"].sort(),
    });
    expect(new Date(front.exported as string).toISOString()).toBe("2026-11-25T00:00:00.000Z");
  });

  it("cites the page of the original PDF a passage starts on, where the brief was converted from one", () => {
    const paged = { ...brief, sections: brief.sections.map((section) => ({ ...section, blocks: section.blocks.map((block) => (block.id === "c-one" ? { ...block, page: 2 } : block)) })) };
    const markdown = notesMarkdown({ origin, brief: paged, annotations: [note({}), note({ target: { blockId: "c-four", quote: { exact: "결론", prefix: "", suffix: "" }, position: { start: 40, end: 42 } } })], entities: {}, exportedAt: new Date("2026-11-25T00:00:00Z"), labels });
    const facts = markdown.split("\n").filter((line) => line.startsWith("*"));
    expect(facts[0]).toContain(" · p. 2 · ");
    expect(facts[1]).not.toContain("p. ");
  });

  it("carries the citation key reference managers know the brief by", () => {
    expect(front.citekey).toBe("japan-quasi-alliance");
  });

  it("has the title, then a heading per section with notes in document order, then entities and orphans last", () => {
    expect(headings(tree, 2)).toEqual(["# 일본의 '준동맹' 전략", "## 머리말", "## 문제의 제기", "## 결론: *강조* #아님", "## 개체·기록에 단 노트", "## 원문에서 찾지 못한 노트"]);
    // Notes under their sections, in place order; the reply one level deeper under its note.
    const all = headings(tree);
    expect(all.indexOf("### 질문 · “머리 문장”")).toBeLessThan(all.indexOf("## 문제의 제기"));
    const section = all.slice(all.indexOf("## 문제의 제기"), all.indexOf("## 결론: *강조* #아님"));
    expect(section).toEqual(["## 문제의 제기", "### 노트 · “전수방위 원칙”", "#### ↳ 답글 · 밥", "### 노트 · “고쳐진 문장”"]);
    expect(all).toContain("### 하이라이트 · “결론 문장”");
    expect(all).toContain("### 노트 · 영일 RAA");
    expect(all.at(-1)).toBe("### 노트 · “지워진 문장”");
  });

  it("quotes the passage, keeps the body's Markdown as written, and writes tags Obsidian-style", () => {
    expect(markdown).toContain("> 전수방위 원칙\n");
    expect(markdown).toContain("**굵게** 쓴 메모와 [링크](https://example.org)");
    expect(markdown).toContain("#RAA #일본_필리핀 #_2022");
    expect(markdown).toMatch(/\*노트 · 팀과 공유 · 앨리스 · 2026-11-24 09:\d\d UTC\*/);
    expect(markdown).toContain("본문 수정됨 82%");
  });

  it("links each note back to its sentence, a record note to its record, and an orphan to the reader only", () => {
    const urls = links(tree);
    expect(urls).toContain(`${origin}/briefs/japan-quasi-alliance?note=${comment.id}#c-one`);
    expect(urls).toContain(`${origin}/briefs/japan-quasi-alliance?note=${earlier.id}#c-pre`);
    expect(urls).toContain(`${origin}/agreements/raa-jp-gb`);
    expect(urls).toContain(`${origin}/briefs/japan-quasi-alliance?note=${orphan.id}`);
    expect(urls.some((url) => url.includes("c-gone"))).toBe(false);
    // Every fragment names a block of the brief.
    const blocks = new Set(brief.sections.flatMap((section) => section.blocks.map((block) => block.id)));
    for (const url of urls.filter((item) => item.includes("#"))) expect(blocks.has(url.split("#")[1])).toBe(true);
  });

  it("puts a reply to a note not in the file in a section of its own, linked to the note replied to", () => {
    const lone = note({ parentId: "elsewhere", target: null, body: "남의 노트에 단 답글" });
    const { tree: own } = split(file([lone]));
    expect(headings(own, 2)).toEqual(["# 일본의 '준동맹' 전략", "## 이 파일에 없는 노트에 단 답글"]);
    expect(links(own)).toContain(`${origin}/briefs/japan-quasi-alliance?note=elsewhere`);
  });

  it("keeps hostile bodies inside their note: no heading, front matter, fence or comment escapes", () => {
    const hostile = [
      "---\ntitle: 가짜 머리말\n---\n본문",
      "# 큰 제목\n## 작은 제목\n내용",
      "제목처럼\n===\n또\n---",
      "```js\nconst open = 'fence never closed';",
      "<!-- 닫히지 않은 주석",
      "<script>alert(1)",
      "%% 닫히지 않은 옵시디언 주석",
      "$$ 닫히지 않은 수식",
      "각주[^1]\n\n[^1]: 첫째 노트의 각주",
      "\r\n# CRLF 제목\r\n\u0000 널 문자",
    ];
    const notes = hostile.map((body) => note({ body }));
    const after = note({ body: "마지막 노트" });
    const markdown = file([...notes, after]);
    const { front, tree } = split(markdown);
    expect(front.notes).toBe(hostile.length + 1);
    // Only the file's own headings are at levels 1–3: one per note, in order, and none from bodies.
    const top = headings(tree, 3);
    expect(top).toEqual(["# 일본의 '준동맹' 전략", "## 문제의 제기", ...Array.from({ length: hostile.length + 1 }, () => "### 노트 · “전수방위 원칙”")]);
    // Body headings are demoted under their note.
    expect(headings(tree)).toEqual(expect.arrayContaining(["#### 큰 제목", "##### 작은 제목", "#### CRLF 제목"]));
    // The last note is still there after an unclosed fence, comment and script.
    expect(markdown).toContain("\n마지막 노트\n");
    let code = "";
    visit(tree, "code", (node) => {
      code += node.value;
    });
    expect(code).toContain("fence never closed");
    expect(code).not.toContain("마지막 노트");
    expect(markdown).toContain("\\<!-- 닫히지 않은 주석");
    expect(markdown).toContain("\\<script>alert(1)");
    expect(markdown).toContain("\\%\\% 닫히지 않은 옵시디언 주석");
    expect(markdown).toContain("\\$\\$ 닫히지 않은 수식");
    expect(markdown).not.toContain("\u0000");
    expect(markdown).not.toContain("\r");
    expect(markdown).toMatch(/각주\[\^n\d+-1\]/);
  });
});

describe("withVisibleReplies", () => {
  it("adds the replies the exporter may see on their notes, replies to replies too, and nothing else", () => {
    const mine = note({ body: "내 질문" });
    const answer = note({ parentId: mine.id, target: null, body: "동료의 답", author: { id: "u2", name: "밥" } });
    const followUp = note({ parentId: answer.id, target: null, body: "그 답에 대한 답", author: { id: "u3", name: "캐롤" } });
    const deleted = note({ parentId: mine.id, target: null, body: "지운 답", deleted: true, author: { id: "u2", name: "밥" } });
    const elsewhere = note({ body: "남의 노트", author: { id: "u2", name: "밥" } });
    const result = withVisibleReplies([mine], [elsewhere, followUp, answer, deleted, mine]);
    expect(result.map((item) => item.body)).toEqual(["내 질문", "동료의 답", "그 답에 대한 답"]);
    // In the file, the colleague's answer sits under the question.
    expect(file(result)).toMatch(/내 질문[\s\S]*↳ 답글 · 밥[\s\S]*동료의 답/);
  });
});

describe("containNoteBody", () => {
  const contain = (body: string, headingLevel = 3) => containNoteBody(body, { headingLevel, footnotePrefix: "n1" });

  it("leaves ordinary Markdown exactly as written", () => {
    const body = "- 목록\n- 항목\n\n> 인용\n\n`코드` **굵게** _기울임_ [링크](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |";
    expect(contain(body)).toBe(body);
  });

  it("demotes headings below the note's level, at most to level 6", () => {
    expect(contain("# 하나\n### 셋")).toBe("#### 하나\n###### 셋");
    expect(contain("## 둘", 5)).toBe("###### 둘");
  });

  it("leaves closed fences alone, including heading-like lines inside them", () => {
    const body = "```\n# 코드 속 주석\n<b>코드</b>\n```\n---";
    expect(contain(body)).toBe(body);
  });

  it("escapes raw HTML, closed or not, block or inline, but not in code or autolinks", () => {
    expect(contain('<script>alert("x")</script>')).toBe('\\<script>alert("x")\\</script>');
    expect(contain("<!--\n숨은 글\n-->")).toBe("\\<!--\n숨은 글\n-->");
    expect(contain('글 <img src=x onerror="alert(1)"> 끝')).toBe('글 \\<img src=x onerror="alert(1)"> 끝');
    expect(contain("`<b>` 와 <https://example.org> 는 그대로")).toBe("`<b>` 와 <https://example.org> 는 그대로");
    expect(contain("문단\n\n    <pre>들여쓴 코드</pre>")).toBe("문단\n\n    <pre>들여쓴 코드</pre>");
    expect(contain("1 < 2 그리고 a<b")).toBe("1 < 2 그리고 a\\<b");
  });

  it("escapes a setext underline but keeps a thematic break after a blank line", () => {
    expect(contain("문장\n---")).toBe("문장\n\\---");
    expect(contain("문장\n\n---\n\n끝")).toBe("문장\n\n---\n\n끝");
  });

  it("closes a fence left open with the same marker", () => {
    expect(contain("~~~~\n코드")).toBe("~~~~\n코드\n~~~~");
  });
});

describe("markdown syntax helpers", () => {
  it("escapes inline markup in quoted text", () => {
    expect(escapeInline("*별* _밑줄_ [괄호] <태그> #해시 ==형광== $1 50%% &amp;")).toBe("\\*별\\* \\_밑줄\\_ \\[괄호\\] \\<태그\\> \\#해시 \\=\\=형광\\=\\= \\$1 50%\\% \\&amp;");
  });

  it("quotes each block of a passage as its own paragraph, list markers escaped", () => {
    expect(blockquote("- 첫 줄\n1. 둘째 줄")).toBe("> \\- 첫 줄\n>\n> 1\\. 둘째 줄");
  });

  it("makes tags Obsidian can read: Korean kept, spaces and punctuation as _, digits alone prefixed", () => {
    expect(obsidianTag("호주")).toBe("호주");
    expect(obsidianTag("일본 필리핀")).toBe("일본_필리핀");
    expect(obsidianTag("RAA (2024)")).toBe("RAA__2024_");
    expect(obsidianTag("2022")).toBe("_2022");
    expect(obsidianTag("indo-pacific/quad")).toBe("indo-pacific/quad");
  });
});
