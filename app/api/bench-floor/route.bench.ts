// The Next floor of `npm run bench`: the least a route handler can do on this build (same
// server, same next.config headers, no proxy, like every /api route), to measure the console's
// routes against. Built only into the bench's build: next.config.ts adds the "bench.ts" page
// extension when PAT_BENCH_FLOOR=1 (scripts/bench.mjs sets it); the product has no such route.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
