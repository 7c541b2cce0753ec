// List queries (RFC 7644 3.4.2): a filter tree (filter.ts) as a database `where`, and the
// paging parameters. Only the attributes the console keeps can be filtered on; any other is a
// 400 invalidFilter, not an empty list (the clients' "does this user exist?" query must never
// be answered "no" by mistake). userName and the email compare case-insensitively (both are
// stored lowercased for it); externalId and id exactly (RFC 7643 caseExact); displayName as
// the database compares text (exact for eq, LIKE for co/sw/ew).
import { z } from "zod";
import type { Prisma } from "@/lib/db";
import { invalidFilter, invalidValue } from "./errors";
import type { CompareOp, CompareValue, Filter } from "./filter";

export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 500;

const paging = z.object({
  startIndex: z.coerce.number().int().catch(1).transform((n) => Math.max(1, n)),
  count: z.coerce.number().int().catch(DEFAULT_COUNT).transform((n) => Math.min(MAX_COUNT, Math.max(0, n))),
  filter: z.string().optional(),
});

/** RFC 7644 3.4.2.4: startIndex below 1 is 1, count below 0 is 0, and past MAX_COUNT is MAX_COUNT. */
export function readPaging(params: URLSearchParams) {
  const raw = Object.fromEntries([...params].map(([k, v]) => [k.toLowerCase() === "startindex" ? "startIndex" : k.toLowerCase() === "count" ? "count" : k.toLowerCase(), v]));
  const parsed = paging.safeParse({ startIndex: raw.startIndex ?? 1, count: raw.count ?? DEFAULT_COUNT, filter: raw.filter });
  if (!parsed.success) throw invalidValue("Bad paging parameters");
  return parsed.data;
}

type Column = { field: string; lower?: boolean; kind: "text" | "bool-inverse" | "date" };

function stringCondition(field: string, op: CompareOp, value: string): Record<string, unknown> {
  switch (op) {
    case "eq": return { [field]: value };
    case "ne": return { NOT: { [field]: value } };
    case "co": return { [field]: { contains: value } };
    case "sw": return { [field]: { startsWith: value } };
    case "ew": return { [field]: { endsWith: value } };
    case "gt": return { [field]: { gt: value } };
    case "ge": return { [field]: { gte: value } };
    case "lt": return { [field]: { lt: value } };
    case "le": return { [field]: { lte: value } };
  }
}

function condition(column: Column, op: CompareOp, value: CompareValue, path: string): Record<string, unknown> {
  if (column.kind === "bool-inverse") {
    if (typeof value !== "boolean" || (op !== "eq" && op !== "ne")) throw invalidFilter(`${path} compares with eq or ne and true or false`);
    return { [column.field]: op === "eq" ? !value : value };
  }
  if (column.kind === "date") {
    const at = typeof value === "string" ? new Date(value) : null;
    if (!at || Number.isNaN(at.getTime()) || !["gt", "ge", "lt", "le", "eq"].includes(op)) throw invalidFilter(`${path} compares with gt, ge, lt, le or eq and a date`);
    return { [column.field]: op === "eq" ? at : { [{ gt: "gt", ge: "gte", lt: "lt", le: "lte" }[op as "gt"]]: at } };
  }
  if (value === null) {
    if (op !== "eq" && op !== "ne") throw invalidFilter(`${path} compares with null only by eq or ne`);
    return op === "eq" ? { [column.field]: null } : { NOT: { [column.field]: null } };
  }
  if (typeof value !== "string") throw invalidFilter(`${path} compares with a string`);
  return stringCondition(column.field, op, column.lower ? value.toLowerCase() : value);
}

type Columns = Record<string, Column>;

function compile(filter: Filter, columns: Columns, extra: (f: Filter) => Record<string, unknown> | null): Record<string, unknown> {
  const special = extra(filter);
  if (special) return special;
  switch (filter.op) {
    case "and": return { AND: [compile(filter.left, columns, extra), compile(filter.right, columns, extra)] };
    case "or": return { OR: [compile(filter.left, columns, extra), compile(filter.right, columns, extra)] };
    case "not": return { NOT: compile(filter.filter, columns, extra) };
    case "has": return compile(filter.filter, columns, extra);
    case "pr": {
      const column = columns[filter.path];
      if (!column) throw invalidFilter(`Filtering on ${filter.path} is not supported`);
      return { NOT: { [column.field]: null } };
    }
    default: {
      const column = columns[filter.path];
      if (!column) throw invalidFilter(`Filtering on ${filter.path} is not supported`);
      return condition(column, filter.op, filter.value, filter.path);
    }
  }
}

const USER_COLUMNS: Columns = {
  id: { field: "id", kind: "text" },
  username: { field: "scimUserKey", lower: true, kind: "text" },
  externalid: { field: "scimExternalId", kind: "text" },
  emails: { field: "email", lower: true, kind: "text" },
  "emails.value": { field: "email", lower: true, kind: "text" },
  displayname: { field: "name", kind: "text" },
  "name.formatted": { field: "name", kind: "text" },
  active: { field: "disabled", kind: "bool-inverse" },
  "meta.created": { field: "createdAt", kind: "date" },
  "meta.lastmodified": { field: "updatedAt", kind: "date" },
};

/** The one work email the console keeps: `emails[type eq "work"]` and `emails.primary eq true` hold for it. */
const userExtra = (f: Filter): Record<string, unknown> | null =>
  (f.op === "eq" && f.path === "emails.type" && typeof f.value === "string" && f.value.toLowerCase() === "work") || (f.op === "eq" && f.path === "emails.primary" && f.value === true)
    ? {}
    : null;

export function userWhere(filter: Filter | null): Prisma.UserWhereInput {
  const provisioned: Prisma.UserWhereInput = { scimUserKey: { not: null } };
  return filter ? { AND: [provisioned, compile(filter, USER_COLUMNS, userExtra) as Prisma.UserWhereInput] } : provisioned;
}

const GROUP_COLUMNS: Columns = {
  id: { field: "id", kind: "text" },
  displayname: { field: "displayKey", lower: true, kind: "text" },
  externalid: { field: "externalId", kind: "text" },
  "meta.created": { field: "createdAt", kind: "date" },
  "meta.lastmodified": { field: "updatedAt", kind: "date" },
};

/** `members[value eq "<user id>"]` and `members.value eq "<user id>"`: the groups that person is in. */
const groupExtra = (f: Filter): Record<string, unknown> | null => {
  if (f.op === "eq" && (f.path === "members.value" || f.path === "members") && typeof f.value === "string") return { members: { some: { userId: f.value } } };
  if (f.op === "has" && f.path === "members") return compile(f.filter, GROUP_COLUMNS, groupExtra);
  return null;
};

export function groupWhere(filter: Filter | null): Prisma.ScimGroupWhereInput {
  return filter ? (compile(filter, GROUP_COLUMNS, groupExtra) as Prisma.ScimGroupWhereInput) : {};
}
