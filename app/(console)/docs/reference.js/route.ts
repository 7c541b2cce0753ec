// The API reference's script: @scalar/api-reference's self-contained browser bundle, served by the
// console itself (no CDN, works offline). The /docs page loads it with its CSP nonce; it needs no
// eval and fetches only /api/openapi.json. No sign-in needed: it is the npm package's public code.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

// The package's exports don't list its browser bundle: read it from where npm installs it.
const BUNDLE = path.join(process.cwd(), "node_modules/@scalar/api-reference/dist/browser/standalone.js");

let cached: Promise<{ body: Buffer; etag: string }> | undefined;
function bundle() {
  cached ??= readFile(BUNDLE).then((body) => ({ body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` }));
  return cached;
}

export async function GET(req: Request) {
  const { body, etag } = await bundle();
  // Revalidated on every visit (a 304 is cheap), so an upgrade of the package shows at once.
  const headers = { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, no-cache", ETag: etag };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(body), { headers });
}
