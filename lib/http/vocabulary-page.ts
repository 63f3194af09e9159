/** The page for people at the `reader:` namespace IRI: each extension term, what it takes and means. Pure. */
import { READER_TERMS, readerNamespace } from "@/lib/w3c/reader-vocabulary";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A short HTML document (no script, no style) listing the terms; each has an anchor of its name. */
export function vocabularyPage(base: string): string {
  const namespace = readerNamespace(base);
  const rows = READER_TERMS.map(
    (term) =>
      `<tr id="${escape(term.name)}"><th scope="row"><code>reader:${escape(term.name)}</code></th><td><code>${escape(term.values)}</code></td><td>${escape(term.description.en)}<br><span lang="ko">${escape(term.description.ko)}</span></td></tr>`,
  ).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The reader: vocabulary · 브리프 리더 확장 용어</title>
<link rel="alternate" type="application/ld+json" href="${escape(namespace.replace(/#$/, ""))}">
</head>
<body>
<h1>The <code>reader:</code> vocabulary</h1>
<p>Terms this reader adds to <a href="https://www.w3.org/TR/annotation-model/">W3C Web Annotations</a> for what the model has no word for. Namespace: <code>${escape(namespace)}</code>. Ask for <code>application/ld+json</code> to get the JSON-LD context that defines them.</p>
<p lang="ko">이 리더가 W3C 웹 주석 모델에 더하는 용어입니다. <code>application/ld+json</code>으로 요청하면 이 용어들을 정의하는 JSON-LD 컨텍스트를 받습니다.</p>
<table>
<thead><tr><th scope="col">Term</th><th scope="col">Values</th><th scope="col">Meaning · 뜻</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
