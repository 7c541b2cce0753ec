// Where a request's time goes, for docs/benchmarks.md: reads a V8 CPU profile (node --cpu-prof)
// and prints the top entries by self time, per function and per package (node_modules/<name>,
// node: internals, the app's own bundle, GC), and by total time (the function and what it
// called), as shares of the profiled time.
//
//   node scripts/bench-profile.mjs <file.cpuprofile> [top (25)]
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node scripts/bench-profile.mjs <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8"));

// Self time per node: the samples that landed in it, each weighted by its time delta.
const selfMicros = new Map();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

/** The package a script URL belongs to. */
function packageOf(url, name) {
  if (!url) return name.startsWith("(") ? name : "(native)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes("/.next")) return "(app bundle)";
  return url.replace(/^file:\/\//, "").split("/").slice(-2).join("/");
}

const byFunction = new Map();
const byPackage = new Map();
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  if (!micros) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const pkg = packageOf(url, functionName);
  const key = `${functionName || "(anonymous)"}  ${pkg}${url ? `:${lineNumber + 1}` : ""}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
}

// Total time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
const keyOf = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || "(anonymous)"}  ${packageOf(url, functionName)}${url ? `:${lineNumber + 1}` : ""}`;
};
const inclusive = new Map();
profile.samples.forEach((leaf, i) => {
  const seen = new Set();
  for (let id = leaf; id !== undefined; id = parent.get(id)) seen.add(keyOf(nodeById.get(id)));
  for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const share = (micros) => `${((micros / total) * 100).toFixed(1).padStart(5)} %`;
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${share(micros)}  ${key}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s profiled`);
print("self time by package", byPackage);
print("self time by function", byFunction);
print("total time by function", inclusive);
