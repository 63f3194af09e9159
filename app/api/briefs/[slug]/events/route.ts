import { requireViewer } from "@/lib/auth/session";
import { eventChannel, parseLastEventId } from "@/lib/http/event-stream";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle } from "@/lib/http/respond";
import { openAnnotationStream } from "@/lib/services/annotation-stream";

// A stream stays open for as long as the reader does: never prerendered, never cached.
export const dynamic = "force-dynamic";

/**
 * GET /api/briefs/<slug>/events: the brief's annotation changes the viewer may see, as
 * Server-Sent Events (`text/event-stream`); resumes after `Last-Event-ID` (or `?lastEventId=`).
 * Errors (signed out, no such brief, a bad id) are answered as JSON before the stream starts.
 */
export async function GET(request: Request, context: RouteContext<"/api/briefs/[slug]/events">) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    const { slug } = await context.params;
    const after = parseLastEventId(request);
    const channel = eventChannel();
    const stream = await openAnnotationStream(viewer, { brief: slug, after }, channel);
    // HEAD (which Next answers with GET) gets the headers, and no stream is kept open for it.
    if (request.method === "HEAD") stream.close();
    return channel.response(request.signal, () => stream.close());
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
