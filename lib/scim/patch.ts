// SCIM PATCH (RFC 7644 3.5.2) applied to a resource's JSON: add, remove and replace, with and
// without a path, with value filters (`members[value eq "..."]`, `emails[type eq "work"].value`).
// Pure: the service reads the resource, applies the operations here, and stores the result as
// it would a PUT, so a PATCH can't do what a PUT may not, and a refused operation changes
// nothing (the operations are all-or-nothing). What the two big clients send is accepted as
// they send it: Entra ID capitalises op ("Replace", "Add") and puts dotted paths as keys of a
// pathless value ({"name.givenName": "Ada"}); Okta sends pathless replaces that repeat "id".
import { attribute, matches, parsePatchPath, type Filter } from "./filter";
import { invalidSyntax, invalidValue, mutability, noTarget } from "./errors";

export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const MAX_PATCH_OPERATIONS = 1000;

export type PatchOperation = { op: "add" | "remove" | "replace"; path?: string; value?: unknown };
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys lowercased, deeply (SCIM attribute names are case-insensitive); values kept. */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
}

/** A PatchOp request body as its operations; invalidSyntax when it is not one. */
export function readPatchRequest(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw invalidSyntax("The body must be a PatchOp JSON object");
  const schemas = attribute(body, "schemas");
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
    throw invalidSyntax(`schemas must be ["${PATCH_OP_SCHEMA}"]`);
  }
  const operations = attribute(body, "operations");
  if (!Array.isArray(operations) || operations.length === 0) throw invalidSyntax("Operations must be a non-empty list");
  if (operations.length > MAX_PATCH_OPERATIONS) throw invalidSyntax(`At most ${MAX_PATCH_OPERATIONS} operations per request`);
  return operations.map((raw, i) => {
    if (!isObject(raw)) throw invalidSyntax(`Operations[${i}] must be an object`);
    const op = attribute(raw, "op");
    const path = attribute(raw, "path");
    const value = attribute(raw, "value");
    const name = typeof op === "string" ? op.toLowerCase() : "";
    if (name !== "add" && name !== "remove" && name !== "replace") throw invalidSyntax(`Operations[${i}].op must be add, remove or replace`);
    if (path !== undefined && (typeof path !== "string" || !path.trim())) throw invalidSyntax(`Operations[${i}].path must be a non-empty string`);
    if (name !== "remove" && value === undefined) throw invalidSyntax(`Operations[${i}] (${name}) needs a value`);
    return { op: name, ...(path !== undefined ? { path: path as string } : {}), ...(value !== undefined ? { value } : {}) };
  });
}

/** Attributes no PATCH may change (RFC 7643: id and meta are read-only; schemas is the server's). */
const READ_ONLY = new Set(["id", "meta", "schemas"]);

/** The value a multi-valued element is matched on (its "value" sub-attribute, else the whole element). */
const identity = (v: unknown) => JSON.stringify(isObject(v) && "value" in v ? v.value : v);

/** Sub-attribute equalities of a simple value filter (`type eq "work"`), to create the element a replace names. */
function equalities(filter: Filter, prefix: string): Json | null {
  if (filter.op === "eq" && filter.path.startsWith(prefix)) return { [filter.path.slice(prefix.length)]: filter.value };
  if (filter.op === "and") {
    const left = equalities(filter.left, prefix);
    const right = equalities(filter.right, prefix);
    return left && right ? { ...left, ...right } : null;
  }
  return null;
}

/** A path's container and key: "name.givenname" is resource.name, key "givenname"; an extension's
 * URN path ("urn:...:enterprise:2.0:user:department") is resource["urn:...:user"], key "department". */
function locate(resource: Json, attr: string, create: boolean): { parent: Json; key: string } | null {
  let containerKey: string | null = null;
  let key = attr;
  if (attr.startsWith("urn:")) {
    const cut = attr.lastIndexOf(":");
    [containerKey, key] = [attr.slice(0, cut), attr.slice(cut + 1)];
  } else if (attr.includes(".")) {
    [containerKey, key] = attr.split(".", 2) as [string, string];
  }
  if (containerKey === null) return { parent: resource, key };
  let parent = resource[containerKey];
  if (!isObject(parent)) {
    if (!create) return null;
    parent = resource[containerKey] = {};
  }
  if (key.includes(".")) {
    const [inner, leaf] = key.split(".", 2) as [string, string];
    let child = (parent as Json)[inner];
    if (!isObject(child)) {
      if (!create) return null;
      child = (parent as Json)[inner] = {};
    }
    return { parent: child as Json, key: leaf };
  }
  return { parent: parent as Json, key };
}

function addValue(parent: Json, key: string, value: unknown) {
  const current = parent[key];
  if (Array.isArray(current) || Array.isArray(value)) {
    const list = Array.isArray(current) ? [...current] : current === undefined || current === null ? [] : [current];
    const seen = new Set(list.map(identity));
    for (const item of Array.isArray(value) ? value : [value]) if (!seen.has(identity(item))) (list.push(item), seen.add(identity(item)));
    parent[key] = list;
  } else if (isObject(current) && isObject(value)) {
    parent[key] = { ...current, ...value };
  } else {
    parent[key] = value;
  }
}

function applyOne(resource: Json, operation: PatchOperation) {
  const value = lowerKeys(operation.value);
  if (operation.path === undefined) {
    if (operation.op === "remove") throw noTarget("A remove needs a path");
    if (!isObject(value)) throw invalidValue(`A ${operation.op} without a path needs an object value`);
    // Each key is a path of its own ("name.givenName", an extension's URN, or an attribute).
    for (const [key, v] of Object.entries(value)) {
      if (isObject(v) && /^urn:.*:(user|group)$/.test(key)) {
        // An extension's whole object: its attributes one by one.
        for (const [inner, w] of Object.entries(v)) applyOne(resource, { op: operation.op, path: `${key}:${inner}`, value: w });
        continue;
      }
      applyOne(resource, { op: operation.op, path: key, value: v });
    }
    return;
  }
  const path = parsePatchPath(operation.path);
  const root = path.attr.split(".")[0];
  if (READ_ONLY.has(root)) {
    // Okta repeats the id in a pathless replace: the same value is no change.
    if (operation.op !== "remove" && JSON.stringify(resource[root]) === JSON.stringify(value)) return;
    throw mutability(`${root} can't be changed`);
  }
  if (!path.filter) {
    const at = locate(resource, path.attr, operation.op !== "remove");
    if (!at) return;
    if (operation.op === "remove") {
      const current = at.parent[at.key];
      if (value !== undefined && Array.isArray(current)) {
        // Entra ID removes members as {"op":"Remove","path":"members","value":[{"value":"..."}]}.
        const gone = new Set((Array.isArray(value) ? value : [value]).map(identity));
        at.parent[at.key] = current.filter((item) => !gone.has(identity(item)));
      } else {
        delete at.parent[at.key];
      }
    } else if (operation.op === "add") {
      addValue(at.parent, at.key, value);
    } else {
      at.parent[at.key] = value;
    }
    return;
  }
  const list = resource[path.attr];
  const items = Array.isArray(list) ? list : [];
  const filter: Filter = { op: "has", path: path.attr, filter: path.filter };
  const hit = (item: unknown) => matches(filter, { [path.attr]: [item] });
  if (operation.op === "remove") {
    resource[path.attr] = path.sub ? items.map((item) => (hit(item) && isObject(item) ? Object.fromEntries(Object.entries(item).filter(([k]) => k !== path.sub)) : item)) : items.filter((item) => !hit(item));
    return;
  }
  const targets = items.filter(hit);
  if (targets.length === 0) {
    // `emails[type eq "work"].value` on a user with no work email: the element the filter names is made.
    const made = equalities(path.filter, `${path.attr}.`);
    if (!made) throw noTarget(`No value of ${path.attr} matches the path's filter`);
    resource[path.attr] = [...items, path.sub ? { ...made, [path.sub]: value } : { ...made, ...(isObject(value) ? value : { value }) }];
    return;
  }
  resource[path.attr] = items.map((item) => {
    if (!hit(item)) return item;
    if (path.sub) return { ...(isObject(item) ? item : {}), [path.sub]: value };
    if (operation.op === "add" && isObject(item) && isObject(value)) return { ...item, ...value };
    return value;
  });
}

/** The resource (lowercased keys) after the operations; the input is not changed. */
export function applyPatch(resource: Json, operations: PatchOperation[]): Json {
  const result = structuredClone(lowerKeys(resource)) as Json;
  for (const operation of operations) applyOne(result, operation);
  return result;
}
