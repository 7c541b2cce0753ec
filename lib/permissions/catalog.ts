// The permission catalog: entity types with their operations, and what each role may do.
// The console's own types are built in; an operator declares the platform's types (and
// grants roles permissions on them) in config/entities.json or the file PAT_ENTITIES_FILE
// names. The file is checked with zod when the server starts.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { loadEnv } from "@/lib/env";

import { SCIM_ENTITY, SCIM_OPERATIONS } from "@/lib/scim/constants";
import { OPERATIONS, type Operation } from "./operations";

export { OPERATIONS, type Operation };

export type EntityType = { name: string; description: string; operations: Operation[]; builtin: boolean };

const BUILTIN_ENTITIES: EntityType[] = [
  { name: "tokens", description: "Personal access tokens", operations: ["create", "read", "list", "update", "delete"], builtin: true },
  { name: "users", description: "Console users", operations: ["create", "read", "list", "update"], builtin: true },
  { name: "settings", description: "Admin settings", operations: ["read", "update"], builtin: true },
  { name: "audit", description: "Audit log", operations: ["read", "list"], builtin: true },
  { name: "approvals", description: "The queue of tokens waiting for approval: see it, approve or deny", operations: ["list", "update"], builtin: true },
  { name: "service_accounts", description: "Service accounts: create, rename, disable, delete (their tokens are tokens)", operations: ["create", "read", "list", "update", "delete"], builtin: true },
  { name: "webhooks", description: "Incoming webhook endpoints", operations: ["create", "read", "list", "update", "delete"], builtin: true },
  { name: "federation", description: "Workload identity federation policies", operations: ["create", "read", "list", "update", "delete"], builtin: true },
  { name: "introspection", description: "Ask whether any token is valid (other services)", operations: ["read"], builtin: true },
  { name: "metrics", description: "Read the Prometheus metrics (GET /api/metrics)", operations: ["read"], builtin: true },
  { name: SCIM_ENTITY, description: "SCIM provisioning (/scim/v2): the directory's token", operations: [...SCIM_OPERATIONS], builtin: true },
];

/** A role grants "entity:operation" pairs; "*" stands for every entity or every operation. */
const BUILTIN_ROLES: Record<string, string[]> = {
  admin: ["*:*"],
  user: ["tokens:*"],
  /** For other services' accounts: they may introspect tokens and nothing else. */
  introspector: ["introspection:read"],
  /** Decides on tokens waiting for approval (when the policy names approvers), and has tokens. */
  approver: ["tokens:*", "approvals:*"],
};

const entityName = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, "entity names are lowercase words");
const grant = z.string().regex(/^(\*|[a-z][a-z0-9_-]{0,39}):(\*|[a-z]+)$/, 'grants look like "channels:publish" or "channels:*"');

export const catalogFileSchema = z
  .object({
    entities: z
      .record(entityName, z.object({ description: z.string().max(200).default(""), operations: z.array(z.enum(OPERATIONS)).min(1) }).strict())
      .default({}),
    roles: z.record(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/), z.array(grant)).default({}),
  })
  .strict();

export type Catalog = { entities: EntityType[]; roles: Record<string, string[]> };

export function buildCatalog(file: z.input<typeof catalogFileSchema> = {}): Catalog {
  const parsed = catalogFileSchema.parse(file);
  const entities = [...BUILTIN_ENTITIES];
  for (const [name, def] of Object.entries(parsed.entities)) {
    if (entities.some((e) => e.name === name)) throw new Error(`entities.${name}: this type is built in`);
    entities.push({ name, description: def.description, operations: [...new Set(def.operations)], builtin: false });
  }
  const roles: Record<string, string[]> = { ...BUILTIN_ROLES };
  for (const [role, grants] of Object.entries(parsed.roles)) roles[role] = [...(roles[role] ?? []), ...grants];
  return { entities, roles };
}

let loaded: Catalog | undefined;

/** The catalog of this server (config file read once). */
export function getCatalog(): Catalog {
  if (loaded) return loaded;
  const { entitiesFile } = loadEnv();
  const path = entitiesFile || join(process.cwd(), "config/entities.json");
  // turbopackIgnore: an operator's file, read at run time, not part of the build's trace.
  if (!existsSync(/* turbopackIgnore: true */ path)) {
    if (entitiesFile) throw new Error(`PAT_ENTITIES_FILE: ${path} does not exist`);
    return (loaded = buildCatalog());
  }
  try {
    return (loaded = buildCatalog(JSON.parse(readFileSync(/* turbopackIgnore: true */ path, "utf8"))));
  } catch (error) {
    const detail = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : (error as Error).message;
    throw new Error(`${path}: ${detail}`);
  }
}

export function findEntity(catalog: Catalog, name: string) {
  return catalog.entities.find((e) => e.name === name);
}
