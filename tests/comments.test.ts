// Comments say what the code does: none points at a document outside the repository (a seed
// number, an issue or part of one), which a newcomer reading the file cannot open.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");
const SOURCE_DIRS = ["app", "lib", "components", "tests", "e2e", "scripts"];
const ROOT_FILES = ["proxy.ts", "instrumentation.ts", "next.config.ts"];
const SKIPPED = new Set(["node_modules", "migrations", "generated"]);
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
/** A seed number, an issue number (with or without "#"), a part of an issue. */
const OUTSIDE_POINTER = /seed \d{3}|issue #?\d+|#\d+ part/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIPPED.has(entry)) return [];
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry) ? [path] : [];
  });
}

describe("comments", () => {
  it("the pattern catches the pointers it is meant to", () => {
    const seed = ["Seed", "000"].join(" ");
    const issue = ["issue", "#9"].join(" ");
    const part = ["#11", "part 1"].join(" ");
    for (const text of [seed, issue, issue.replace("#", ""), part]) expect(OUTSIDE_POINTER.test(`// ${text}: ...`), text).toBe(true);
    expect(OUTSIDE_POINTER.test("// the issuer of the token")).toBe(false);
  });

  it("no source file points at an outside document", () => {
    const files = [...SOURCE_DIRS.flatMap((dir) => sourceFiles(join(root, dir))), ...ROOT_FILES.map((file) => join(root, file))];
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) => (OUTSIDE_POINTER.test(line) ? [`${relative(root, file)}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
