// SCIM resources (RFC 7643) <-> console rows. A User is a console user the directory
// provisioned: userName, externalId, name, the work email, active (= not disabled) and its
// groups (read-only); a Group is a name, externalId and members. Bodies are read
// case-insensitively (RFC 7643 2.1) and checked: a body without the resource's core schema, or
// with an attribute no schema it names defines, is refused (invalidSyntax) before anything is
// written. The standard attributes the console keeps no column for (title, phoneNumbers, the
// enterprise extension...) are accepted and not stored.
import { z } from "zod";
import { cleanDisplayName } from "@/lib/schemas/common";
import { invalidSyntax, invalidValue } from "./errors";
import { lowerKeys } from "./patch";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/** RFC 7643 4.1's User attributes (lowercased): the ones not listed as kept are accepted and dropped. */
const USER_ATTRIBUTES = new Set([
  "schemas", "id", "externalid", "meta", "username", "name", "displayname", "nickname", "profileurl", "title", "usertype",
  "preferredlanguage", "locale", "timezone", "active", "password", "emails", "phonenumbers", "ims", "photos", "addresses",
  "groups", "entitlements", "roles", "x509certificates",
]);
const GROUP_ATTRIBUTES = new Set(["schemas", "id", "externalid", "meta", "displayname", "members"]);
const EXTENSIONS = new Set([ENTERPRISE_USER_SCHEMA.toLowerCase()]);

export const MAX_USERNAME = 256;
export const MAX_EXTERNAL_ID = 256;

/** "True"/"False" as Entra ID sends them, or JSON booleans. */
const scimBoolean = z.union([z.boolean(), z.enum(["true", "false", "True", "False", "TRUE", "FALSE"]).transform((v) => v.toLowerCase() === "true")]);
const text = (max: number) => z.string().trim().min(1).max(max);

const userBody = z.object({
  username: text(MAX_USERNAME),
  externalid: z.string().trim().max(MAX_EXTERNAL_ID).nullish(),
  name: z
    .object({ formatted: z.string().max(300).nullish(), givenname: z.string().max(200).nullish(), familyname: z.string().max(200).nullish() })
    .passthrough()
    .nullish(),
  displayname: z.string().max(300).nullish(),
  active: scimBoolean.nullish(),
  emails: z
    .array(z.object({ value: z.string().trim().max(254), type: z.string().max(40).nullish(), primary: scimBoolean.nullish() }).passthrough())
    .max(20)
    .nullish(),
});

const groupBody = z.object({
  displayname: text(200),
  externalid: z.string().trim().max(MAX_EXTERNAL_ID).nullish(),
  members: z
    .array(z.object({ value: z.string().trim().min(1).max(64) }).passthrough())
    .max(100_000)
    .nullish(),
});

const emailShape = z.email();

export type ScimUserInput = { userName: string; externalId: string | null; name: string; email: string; active: boolean };
export type ScimGroupInput = { displayName: string; externalId: string | null; memberIds: string[] };

function checkSchemas(body: Record<string, unknown>, core: string, allowed: Set<string>, extensions: Set<string>) {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.every((s) => typeof s === "string")) throw invalidSyntax(`schemas must list "${core}"`);
  const named = new Set((schemas as string[]).map((s) => s.toLowerCase()));
  if (!named.has(core.toLowerCase())) throw invalidSyntax(`schemas must list "${core}"`);
  for (const schema of named) if (schema !== core.toLowerCase() && !extensions.has(schema)) throw invalidSyntax(`Unknown schema "${schema.slice(0, 100)}"`);
  for (const key of Object.keys(body)) {
    if (allowed.has(key)) continue;
    if (key.startsWith("urn:") && extensions.has(key) && named.has(key)) continue;
    throw invalidSyntax(`Unknown attribute "${key.slice(0, 100)}"`);
  }
}

function zodDetail(error: z.ZodError) {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "Invalid body";
}

/** A User body (POST, PUT, or a PATCH's result) as what the console keeps. */
export function readUser(raw: unknown): ScimUserInput {
  const body = lowerKeys(raw);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidSyntax("The body must be a JSON object");
  checkSchemas(body as Record<string, unknown>, USER_SCHEMA, USER_ATTRIBUTES, EXTENSIONS);
  const parsed = userBody.safeParse(body);
  if (!parsed.success) throw invalidValue(zodDetail(parsed.error));
  const user = parsed.data;
  const emails = user.emails ?? [];
  const chosen = emails.find((e) => e.primary === true) ?? emails.find((e) => e.type?.toLowerCase() === "work") ?? emails[0];
  const email = (chosen?.value ?? (emailShape.safeParse(user.username).success ? user.username : "")).toLowerCase();
  if (!emailShape.safeParse(email).success) throw invalidValue("emails: a valid email address is needed (or a userName that is one)");
  const parts = [user.name?.givenname, user.name?.familyname].filter(Boolean).join(" ");
  const name = cleanDisplayName(user.displayname || user.name?.formatted || parts, user.username);
  return { userName: user.username, externalId: user.externalid || null, name, email, active: user.active ?? true };
}

export function readGroup(raw: unknown): ScimGroupInput {
  const body = lowerKeys(raw);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidSyntax("The body must be a JSON object");
  checkSchemas(body as Record<string, unknown>, GROUP_SCHEMA, GROUP_ATTRIBUTES, new Set());
  const parsed = groupBody.safeParse(body);
  if (!parsed.success) throw invalidValue(zodDetail(parsed.error));
  const group = parsed.data;
  return { displayName: cleanDisplayName(group.displayname, group.displayname, 200), externalId: group.externalid || null, memberIds: [...new Set((group.members ?? []).map((m) => m.value))] };
}

export type UserRow = {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  scimUserName: string | null;
  scimExternalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  groups?: { id: string; displayName: string }[];
};

export type GroupRow = {
  id: string;
  displayName: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  members?: { id: string; email: string }[];
};

const meta = (resourceType: string, location: string, row: { createdAt: Date; updatedAt: Date }) => ({
  resourceType,
  created: row.createdAt.toISOString(),
  lastModified: row.updatedAt.toISOString(),
  location,
});

/** `base`: the service's URL, e.g. https://pat.example.com/scim/v2. */
export function userResource(row: UserRow, base: string) {
  return {
    schemas: [USER_SCHEMA],
    id: row.id,
    ...(row.scimExternalId ? { externalId: row.scimExternalId } : {}),
    userName: row.scimUserName ?? row.email,
    name: { formatted: row.name },
    displayName: row.name,
    emails: [{ value: row.email, type: "work", primary: true }],
    active: !row.disabled,
    ...(row.groups ? { groups: row.groups.map((g) => ({ value: g.id, display: g.displayName, $ref: `${base}/Groups/${g.id}` })) } : {}),
    meta: meta("User", `${base}/Users/${row.id}`, row),
  };
}

export function groupResource(row: GroupRow, base: string, { members = true } = {}) {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    displayName: row.displayName,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    ...(members && row.members ? { members: row.members.map((m) => ({ value: m.id, display: m.email, type: "User", $ref: `${base}/Users/${m.id}` })) } : {}),
    meta: meta("Group", `${base}/Groups/${row.id}`, row),
  };
}

export function listResponse(resources: unknown[], total: number, startIndex: number) {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}
