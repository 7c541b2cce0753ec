// Tables derived from the operations list: the permission each authenticated route needs
// (null: any authenticated caller; routes with an :id check it for that entity id, so a token
// scoped to one token id can act on that token only), and lookups by "METHOD /path".
import type { Permission } from "./operation";
import { API_OPERATIONS, type AnyOperation } from "./operations";

type Authed = Extract<AnyOperation, { permission: Permission | null }>;
export type RouteKey = Authed["key"];

const authed = API_OPERATIONS.filter((op): op is Authed => op.permission !== "public");

/** Every authenticated route and the permission it needs (a test walks this table). */
export const ROUTE_PERMISSIONS = Object.fromEntries(authed.map((op) => [op.key, op.permission])) as { readonly [K in RouteKey]: Permission | null };

const byKey = new Map<string, AnyOperation>(API_OPERATIONS.map((op) => [op.key, op]));

/** The operation declared for "METHOD /path" ("GET /api/v1/tokens/:id"). */
export function operation<K extends AnyOperation["key"]>(key: K): Extract<AnyOperation, { key: K }> {
  const op = byKey.get(key);
  if (!op) throw new Error(`No operation ${key}`);
  return op as Extract<AnyOperation, { key: K }>;
}
