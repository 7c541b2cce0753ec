// The custom server runs the TypeScript domain from its own esbuild bundle (scripts/build.mjs),
// while Next runs the same lib modules from its bundle: two copies of each module in one
// process. What must be one per process lives on globalThis. Here two bundles are made exactly
// as the server's is (esbuild, packages external, the `@/` alias) and loaded side by side: what
// one copy sets, the other sees; and the server bundle itself is built and is current.
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { ensureServerBuild, serverBundle } from "../scripts/build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = join(root, `.next-test-bundles-${process.pid}`);

type Copy = {
  isDraining: () => boolean;
  startDraining: () => void;
  shutdownHandlers: () => { flush: string[]; close: string[] };
  onShutdown: (name: string, fn: () => unknown) => void;
  tokenCache: { size: number; clear: () => void };
  metrics: () => { registry: unknown };
  requestStorage: () => unknown;
};

/** A separate module instance of the shared lib modules, bundled like the server's. */
async function copy(name: string): Promise<Copy> {
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${name}.mjs`);
  buildSync({
    stdin: {
      contents: [
        'export { isDraining, startDraining, onShutdown, shutdownHandlers } from "@/lib/shutdown";',
        'export { tokenCache } from "@/lib/tokens/cache";',
        'export { metrics } from "@/lib/observability/metrics";',
        'export { requestStorage } from "@/lib/observability/request-context";',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    tsconfig: join(root, "tsconfig.json"),
    logLevel: "silent",
  });
  return (await import(/* @vite-ignore */ `${outfile}?${name}`)) as Copy;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the server bundle and Next's bundle share one process state", () => {
  it("two bundled copies of lib see one draining flag, shutdown registry, token cache, metrics registry and request context", async () => {
    const server = await copy("server-side");
    const app = await copy("app-side");
    expect(server.startDraining).not.toBe(app.startDraining); // two module instances, truly
    server.onShutdown("bundle-test-flush", () => undefined);
    expect(app.shutdownHandlers().flush).toContain("bundle-test-flush");
    expect(app.tokenCache).toBe(server.tokenCache);
    expect(app.metrics().registry).toBe(server.metrics().registry);
    expect(app.requestStorage()).toBe(server.requestStorage());
    expect(app.isDraining()).toBe(false);
    server.startDraining();
    expect(app.isDraining()).toBe(true); // readiness (Next's side) answers 503 once the server drains
  });

  it("npm start's build makes the server bundle and keeps it current", () => {
    ensureServerBuild();
    const bundle = serverBundle();
    expect(existsSync(bundle)).toBe(true);
    const built = statSync(bundle).mtimeMs;
    expect(ensureServerBuild()).toBe(false); // current: not rebuilt
    expect(statSync(bundle).mtimeMs).toBe(built);
  });
});
