// The baseline of bench/json.ts: a bare node:http server that answers GET <path> with bytes it
// holds in memory (the app's own JSON for that path, read once from the file named by argv[2]),
// gzipped once at start and sent gzipped when the client accepts it. No routing beyond a Map, no
// headers beyond type, length, encoding and an ETag, unless argv[3] names a file of headers per path
// (then it sends those instead: the app's own response headers, to compare like with like on the
// wire). Prints its port when listening.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";

const sameHeaders = process.argv[3] ? JSON.parse(readFileSync(process.argv[3], "utf8")) : null;
const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(process.argv[2], "utf8"))).map(([path, text]) => {
    const plain = Buffer.from(text);
    return [path, { plain, gzip: gzipSync(plain), etag: `"${path.length}-${plain.length}"`, headers: sameHeaders?.[path] }];
  }),
);

const server = createServer((req, res) => {
  const body = bodies.get(req.url ?? "");
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  const bytes = gzip ? body.gzip : body.plain;
  const base = body.headers ?? { "content-type": "application/json", etag: body.etag, vary: "Accept-Encoding" };
  res.writeHead(200, { ...base, "content-length": bytes.length, ...(gzip ? { "content-encoding": "gzip" } : {}) });
  res.end(bytes);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(typeof address === "object" && address ? address.port : 0);
});
