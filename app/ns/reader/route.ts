/**
 * `/ns/reader`: the `reader:` namespace IRI resolves here. A JSON-LD context defining every
 * extension term for programs (the default), a short page for people whose browser asks for HTML.
 */
import { AppError } from "@/lib/domain/errors";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { negotiateJson, prefersHtml } from "@/lib/http/negotiate";
import { publicOrigin } from "@/lib/http/origin";
import { handle } from "@/lib/http/respond";
import { vocabularyPage } from "@/lib/http/vocabulary-page";
import { readerContextDocument } from "@/lib/w3c/reader-vocabulary";

/** GET (and HEAD) /ns/reader: the context as JSON-LD (or JSON), or the page as HTML. */
export async function GET(request: Request) {
  return handle(async () => {
    const accept = request.headers.get("accept");
    const origin = publicOrigin(request);
    // JSON-LD processors in browsers fetch contexts from other origins; the document is public.
    const headers = { vary: "Accept", "cache-control": "public, max-age=3600", "access-control-allow-origin": "*" };
    if (prefersHtml(accept)) return new Response(vocabularyPage(origin), { headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
    const type = negotiateJson(accept);
    if (!type) throw new AppError("not_acceptable", "This resource is served as application/ld+json, application/json or text/html", "accept");
    return new Response(JSON.stringify(readerContextDocument(origin), null, 2), { headers: { ...headers, "content-type": type } });
  });
}

export const HEAD = GET;
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
