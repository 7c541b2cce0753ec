// The layer rule (.dependency-cruiser.cjs): dependency-cruiser's graph of app/, components/,
// lib/ and server/, its layer rules, and two cycle checks on the same graph: no file cycle, and no cycle
// between lib's areas (lib/tokens/** is one node "tokens", lib/db.ts the node "db").
// A failure lists each violation as `rule: from -> to`, with the rule's reason.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { cruise, type ICruiseResult, type IModule } from "dependency-cruiser";
import { beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
type Known = [rule: string, from: string, to: string];
const config = require("../.dependency-cruiser.cjs") as {
  forbidden: { name: string; comment: string }[];
  options: Record<string, unknown>;
  known: Known[];
  constantsPattern: string;
};

const SCOPE = ["app", "components", "lib", "server", "proxy.ts", "instrumentation.ts"];

let result: ICruiseResult;
const graph = async () => result;

type Edge = { from: string; to: string };

/** Local file-to-file imports (npm packages and node builtins left out). */
function fileEdges(modules: IModule[]): Edge[] {
  return modules.flatMap((m) =>
    m.dependencies.filter((d) => !d.coreModule && !d.couldNotResolve && !d.resolved.startsWith("node_modules/")).map((d) => ({ from: m.source, to: d.resolved })),
  );
}

/** The area of a lib file: its folder under lib, or its name for a file right in lib. */
export function areaOf(file: string): string | null {
  const match = /^lib\/([^/]+?)(\/|\.[cm]?[jt]sx?$)/.exec(file);
  return match ? match[1] : null;
}

/** The cycles of a directed graph: its strongly connected components of more than one node (Tarjan). */
export function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, []);
    if (!next.has(to)) next.set(to, []);
    next.get(from)!.push(to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node)!) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

const knownFor = (rule: string) => config.known.filter(([name]) => name === rule);
const isKnown = (rule: string, { from, to }: Edge) => knownFor(rule).some(([, f, t]) => f === from && t === to);

type AreaEdge = Edge & { areaFrom: string; areaTo: string };

/** A cycle of areas told as the 2-cycles in it (each with its imports both ways), else as one
 * cycle through it, step by step. */
function describeAreaCycle(component: string[], edges: AreaEdge[]): string {
  const imports = (a: string, b: string) => edges.filter((e) => e.areaFrom === a && e.areaTo === b).map((e) => `      ${e.from} -> ${e.to}`);
  const lines: string[] = [];
  for (const a of component)
    for (const b of component) if (a < b && imports(a, b).length && imports(b, a).length) lines.push(`  ${a} <-> ${b}:`, ...imports(a, b), ...imports(b, a));
  if (lines.length) return lines.join("\n");
  // No 2-cycle: walk one cycle (every node of a strongly connected component reaches the start).
  const path = [component[0]];
  const seen = new Set(path);
  const step = (node: string): boolean => {
    for (const to of component.filter((n) => imports(node, n).length)) {
      if (to === component[0]) return true;
      if (!seen.has(to)) {
        seen.add(to);
        path.push(to);
        if (step(to)) return true;
        path.pop();
      }
    }
    return false;
  };
  step(component[0]);
  return [`  ${[...path, component[0]].join(" -> ")}:`, ...path.map((a, i) => imports(a, path[i + 1] ?? component[0])[0])].join("\n");
}

describe("layers (.dependency-cruiser.cjs)", () => {
  // One cruise for every check: a few seconds, much more on a busy machine (parsing ~300 files).
  beforeAll(async () => {
    const cruised = await cruise(SCOPE, { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true } as never);
    result = cruised.output as ICruiseResult;
  }, 180_000);

  it("the cycle finder finds a cycle and only that", () => {
    const found = cycles([
      { from: "a", to: "b" },
      { from: "b", to: "c" },
      { from: "c", to: "a" },
      { from: "c", to: "d" },
    ]);
    expect(found).toEqual([["a", "b", "c"]]);
    expect(areaOf("lib/tokens/service/create-token.ts")).toBe("tokens");
    expect(areaOf("lib/db.ts")).toBe("db");
    expect(areaOf("lib/shutdown.ts")).toBe("shutdown");
    expect(areaOf("app/page.tsx")).toBeNull();
  });

  it("every import keeps the layer rules", async () => {
    const { summary } = await graph();
    const reasons = new Map(config.forbidden.map((r) => [r.name, r.comment]));
    const violations = summary.violations.filter((v) => v.rule.severity === "error");
    const text = violations.map((v) => `  ${v.rule.name}: ${v.from} -> ${v.to}\n      (${reasons.get(v.rule.name)})`).join("\n");
    expect(violations.length, `layer violations:\n${text}`).toBe(0);
  });

  it("has no file cycle", async () => {
    const edges = fileEdges((await graph()).modules).filter((e) => !isKnown("no-file-cycle", e));
    const found = cycles(edges).map((c) => `  ${c.join(" <-> ")}`);
    expect(found, `file cycles (break one import in each):\n${found.join("\n")}`).toEqual([]);
  });

  it("has no cycle between the areas of lib", async () => {
    const constants = new RegExp(config.constantsPattern);
    const edges = fileEdges((await graph()).modules)
      .filter((e) => !isKnown("no-area-cycle", e) && !constants.test(e.to))
      .map((e) => ({ ...e, areaFrom: areaOf(e.from), areaTo: areaOf(e.to) }))
      .filter((e): e is AreaEdge => !!e.areaFrom && !!e.areaTo && e.areaFrom !== e.areaTo);
    const found = cycles(edges.map((e) => ({ from: e.areaFrom, to: e.areaTo }))).map((c) => describeAreaCycle(c, edges));
    expect(found, `cycles between areas of lib (the imports behind them):\n${found.join("\n")}`).toEqual([]);
  });

  it("lists no known violation that is gone (delete the entry)", async () => {
    const { modules } = await graph();
    const edges = fileEdges(modules).concat(
      modules.flatMap((m) => m.dependencies.filter((d) => d.resolved.startsWith("node_modules/")).map((d) => ({ from: m.source, to: d.resolved }))),
    );
    const stale = config.known.filter(([, from, to]) => !edges.some((e) => e.from === from && e.to === to));
    expect(stale.map((k) => k.join(": ")), "known violations whose import is gone: delete them from .dependency-cruiser.cjs").toEqual([]);
  });
});

/** Every source file under `dir` (TypeScript and JavaScript), generated code left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join("lib", "generated") ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|mjs|js|cjs)$/.test(entry.name) ? [path] : [];
  });
}

const READS_ENV = /process\s*\.\s*env|process\s*\[\s*["']env["']\s*\]/;

describe("settings (lib/env.ts)", () => {
  // One settings module: everything the app and the custom server read from the environment is
  // parsed and checked there, at start. Scripts and tests may set variables for their children.
  it("no file of lib/, app/, components/ or server/ but lib/env.ts touches process.env", () => {
    const readers = ["lib", "app", "components", "server"]
      .flatMap(sourceFiles)
      .filter((file) => file !== join("lib", "env.ts") && READS_ENV.test(readFileSync(file, "utf8")));
    expect(readers, "read the setting through loadEnv() (lib/env.ts) instead").toEqual([]);
  });

  it("the check sees the one reader there is, and the server's files", () => {
    expect(READS_ENV.test(readFileSync(join("lib", "env.ts"), "utf8"))).toBe(true);
    expect(sourceFiles("server")).toContain(join("server", "main.ts"));
  });
});

