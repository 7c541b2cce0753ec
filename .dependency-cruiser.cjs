// The layer rule, checked in `npm test` by tests/layers.test.ts (dependency-cruiser's API):
//
//   app -> lib/auth -> lib/<area>/service -> lib/<area> (pure) -> lib/schemas -> constants -> nothing
//
// - server/ (the custom HTTP server in front of Next, and what only it needs) may import lib/;
//   nothing outside server/ imports it. What route code also uses (the logger, the metrics
//   registry, the request context, the shutdown registry, the client-address header) stays in lib/.
// - The database (lib/db.ts, lib/db-pool.ts, the generated clients, @prisma/*, pg,
//   better-sqlite3) is reached only from service modules (lib/<area>/service.ts,
//   lib/<area>/service/**) and raw-SQL modules (lib/<area>/sql.ts, lib/<area>/sql/**), and by
//   lib/bootstrap.ts to close it. A type-only import of a row type is no access.
// - components/** never import a service, a raw-SQL module or the database.
// - lib/schemas/** (shared with browser code) import packages (zod), other schemas and constants only.
// - Constants modules (lib/<area>/limits.ts, lib/<area>/constants.ts) import nothing.
// - No file cycle anywhere; no folder cycle inside lib (checked in the test, one node per area:
//   lib/tokens/** is "tokens", lib/db.ts is "db"; constants modules import nothing, so they are
//   leaves of no cycle and don't make their area a node of one).
// Layers, lowest first: constants < schemas < pure < service/raw-SQL < auth < app. Shared
// infrastructure (lib/env.ts, lib/errors.ts, lib/http.ts, lib/observability/**, lib/shutdown,
// lib/rate-limit.ts, lib/mail/**) sits beside the areas; the folder-cycle check keeps it from
// reaching back into them.
//
// KNOWN, to be removed: violations in files this change didn't own (KNOWN below), each named by
// its file pair; delete an entry when its import is gone (the test says which).

// Re-export shims kept at an old path for their importers while they move: each stands for the
// service it re-exports (so a component importing one is caught).
// lib/bootstrap.ts (not this change's file) starts the cache sync and the lifecycle job from their
// old paths: change its two imports to the service paths, then delete these two shims.
const SHIMS = ["lib/lifecycle/job.ts", "lib/tokens/cache-sync.ts"];
const exact = (path) => `^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
const SERVICE = ["^lib/[^/]+/service(\\.ts$|/)", ...SHIMS.map(exact)].join("|");
// The composition root (instrumentation.ts calls it): starts and stops the process's parts, the
// database connection included. Not a place for queries: those live in services.
const ROOTS = ["lib/bootstrap.ts"].map(exact).join("|");
const SQL = "^lib/[^/]+/sql(\\.ts$|/)";
const DB = "^(lib/db(-pool)?\\.ts$|lib/generated/|node_modules/(@prisma/client|@prisma/adapter-[^/]+|\\.prisma|pg|better-sqlite3)/)";
const AUTH = "^lib/auth/";
const SCHEMAS = "^lib/schemas/";
const CONSTANTS = "^lib/[^/]+/(limits|constants)\\.ts$";
// lib/api (each route's declaration and the handler wrapper, helper "ops") and the OpenAPI
// document built from it are the routes' layer: above lib/auth, beside app/.
const APP = "^(app/|lib/api/|lib/openapi\\.ts$|proxy\\.ts$|instrumentation\\.ts$)";
const COMPONENTS = "^components/";
// lib/<area>/** that is neither service, raw SQL, auth, schemas nor constants.
const PURE_NOT = [SERVICE, SQL, AUTH, SCHEMAS, CONSTANTS, APP, "^lib/generated/"].join("|");

/** KNOWN VIOLATIONS, TO BE REMOVED: imports in files this change did not own, as
 * [rule, from, to]. The layer rules skip exactly these pairs; a "no-file-cycle" or
 * "no-area-cycle" entry names the import (against the layer direction) that closes the cycle,
 * and the cycle checks leave that one edge out. tests/layers.test.ts fails on an entry whose
 * import is gone: delete it then. Add none: fix the import instead. */
const KNOWN = [
];

/** One rule: a name, why, what it forbids. */
const rule = (name, comment, from, to) => ({ name, comment, severity: "error", from, to });

module.exports = {
  forbidden: [
    rule("lib-not-app", "lib/ is the domain: it never imports app/ or components/.", { path: "^lib/", pathNot: APP }, { path: `${APP}|${COMPONENTS}` }),
    rule(
      "nothing-imports-server",
      "server/ (the custom server: door, client address, request observation, shutdown sequence) sits on top: it may import lib/, but lib/, app/ and components/ never import server/.",
      { pathNot: "^server/" },
      { path: "^server/" },
    ),
    rule(
      "db-only-from-service",
      "The database is reached only from lib/<area>/service* and lib/<area>/sql* modules (a type-only import is fine).",
      { pathNot: `${SERVICE}|${SQL}|${DB}|${ROOTS}` },
      { path: DB, dependencyTypesNot: ["type-only"] },
    ),
    rule(
      "components-no-service",
      "components/ (browser code) never import a service, raw-SQL module or the database (a type-only import is erased).",
      { path: COMPONENTS },
      { path: `${SERVICE}|${SQL}|${DB}`, dependencyTypesNot: ["type-only"] },
    ),
    rule(
      "schemas-import-constants-only",
      "lib/schemas/ import packages (zod), other schemas and constants modules (lib/<area>/limits.ts) only.",
      { path: SCHEMAS },
      { pathNot: `${SCHEMAS}|${CONSTANTS}|^node_modules/` },
    ),
    rule("constants-import-nothing", "A constants module (lib/<area>/limits.ts, constants.ts) imports nothing.", { path: CONSTANTS }, {}),
    rule(
      "pure-not-up",
      "A pure lib/<area> module never imports a service, raw-SQL or auth module (they are above it).",
      { path: "^lib/[^/]+/", pathNot: PURE_NOT },
      { path: `${SERVICE}|${SQL}|${AUTH}` },
    ),
    rule("service-not-auth", "A service never imports lib/auth/ (auth is above the services).", { path: `${SERVICE}|${SQL}` }, { path: AUTH }),
  ],
  options: {
    // Packages and the generated clients are listed as dependencies (the rules see them), not cruised.
    doNotFollow: { path: "^(node_modules/|lib/generated/)" },
    exclude: { path: "^\\.next/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".mjs", ".js", ".cjs", ".json"], conditionNames: ["import", "require", "node", "default", "types"] },
    // The known pairs of the layer rules (not of the cycle checks, which the test does itself).
    knownViolations: KNOWN.filter(([name]) => !name.endsWith("-cycle")).map(([name, from, to]) => ({ type: "dependency", from, to, rule: { name, severity: "error" } })),
  },
};

// For tests/layers.test.ts, which also checks the cycles (file and area level) on the same graph;
// not enumerable, so dependency-cruiser's own config validation doesn't see them.
Object.defineProperty(module.exports, "known", { value: KNOWN });
Object.defineProperty(module.exports, "constantsPattern", { value: CONSTANTS });
