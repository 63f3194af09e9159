import { z } from "zod";
import { requireViewer } from "@/lib/auth/session";
import { briefSlugSchema } from "@/lib/domain/brief";
import { attachment } from "@/lib/http/download";
import { publicOrigin } from "@/lib/http/origin";
import { handle } from "@/lib/http/respond";
import { parseQuery } from "@/lib/http/validate";
import { isLocale, locales } from "@/lib/i18n/messages";
import { exportNotesMarkdown } from "@/lib/services/export";
import { otherMethods } from "@/lib/http/method-not-allowed";

const query = z
  .object({ brief: briefSlugSchema, scope: z.enum(["own", "visible"]).default("own"), lang: z.enum(locales).optional() })
  .strict();

/** The language of the file's own words: `?lang=`, else the reader's `lang` cookie, else Korean. */
function localeOf(request: Request, asked: (typeof locales)[number] | undefined) {
  if (asked) return asked;
  const cookie = /(?:^|;\s*)lang=([^;]*)/.exec(request.headers.get("cookie") ?? "")?.[1];
  return isLocale(cookie) ? cookie : "ko";
}

/** GET /api/export/notes.md?brief=<slug>[&scope=visible][&lang=en]: one brief's notes as Markdown, as a download. */
export async function GET(request: Request) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    const { brief, scope, lang } = parseQuery(request, query);
    const file = await exportNotesMarkdown(viewer, { origin: publicOrigin(request), brief, scope, locale: localeOf(request, lang) });
    return new Response(file.content, {
      headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": attachment(file.filename), "cache-control": "private, no-store" },
    });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
