// The console's API as an OpenAPI 3.1 document, generated from the zod schemas the handlers
// parse with and the response schemas next to their types (zod 4's JSON Schema output is
// draft 2020-12, which OpenAPI 3.1 uses as is). Nothing here describes a field by hand: the
// table below only says which schema goes where. OPERATIONS is keyed by ROUTE_PERMISSIONS, so a
// new /api/v1 route without a description here fails the typecheck.
import { z } from "zod";
import { auditListSchema, auditQuerySchema } from "@/lib/schemas/audit";
import { idParams } from "@/lib/schemas/common";
import { exchangeSchema, tokenBodySchema } from "@/lib/schemas/oauth";
import { settingsSchema } from "@/lib/schemas/settings";
import {
  createTokenSchema,
  regenerateSchema,
  rotateSchema,
  listTokensQuery,
  scopeListSchema,
  scopeResponseSchema,
  scopeSchema,
  scopesSchema,
  tokenListSchema,
  tokenResponseSchema,
  tokenWithSecretSchema,
  updateTokenSchema,
  usageQuery,
  usageResponseSchema,
} from "@/lib/schemas/token";
import { createUserSchema, meResponseSchema, updateUserSchema, userResponseSchema } from "@/lib/schemas/user";
import { createWebhookSchema, updateWebhookSchema, webhookRequestResponseSchema, webhookResponseSchema } from "@/lib/schemas/webhook";
import { ROUTE_PERMISSIONS, type RouteKey } from "@/lib/auth/route-permissions";
import { AUTHORITY, authorizationServerMetadataSchema, protectedResourceMetadataSchema } from "@/lib/authority/metadata";
import { oauthErrorBodySchema } from "@/lib/authority/oauth-errors";
import { signingKeyInfoSchema } from "@/lib/authority/keys";
import { errorBodySchema } from "@/lib/errors";
import { curlSamples } from "@/lib/openapi-samples";
import { OPERATIONS as PERMISSION_OPERATIONS } from "@/lib/permissions/operations";

export const OPENAPI_PATH = "/api/openapi.json";

// Response shapes that have no type elsewhere (small answers built in the route handlers).
const deletedSchema = z.object({ deleted: z.number().int() });
const catalogSchema = z.object({
  operations: z.array(z.enum(PERMISSION_OPERATIONS)),
  entities: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      operations: z.array(z.enum(PERMISSION_OPERATIONS)),
      builtin: z.boolean(),
      /** What the caller may put in a token's scopes for this entity. */
      grantable: z.array(z.enum(PERMISSION_OPERATIONS)),
    }),
  ),
});
const exchangeResponseSchema = z.object({
  access_token: z.string(),
  issued_token_type: z.literal(AUTHORITY.issuedTokenType),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int(),
  scope: z.string(),
});
/** RFC 7662: only `active` is promised; an active token adds its claims. */
const introspectionSchema = z.looseObject({
  active: z.boolean(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  username: z.string().optional(),
  token_type: z.string().optional(),
  sub: z.string().optional(),
  exp: z.number().int().optional(),
});
const unusedDays = z.union([z.literal("off"), z.number().int()]);
const unusedTokensSchema = z.object({
  rules: z.object({ unusedTokenDays: unusedDays, neverUsedTokenDays: unusedDays }),
  tokens: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      prefix: z.string(),
      owner: z.object({ id: z.string(), email: z.string(), name: z.string() }),
      createdAt: z.iso.datetime(),
      secretIssuedAt: z.iso.datetime().describe("When the current secret was issued (creation or the last regenerate): the count starts here or at the last use, whichever is later"),
      lastUsedAt: z.iso.datetime().nullable(),
      rule: z.enum(["unused", "never_used"]),
      days: z.number().int(),
      reason: z.string(),
      revokeAt: z.iso.datetime(),
      warned: z.boolean(),
      dueNow: z.boolean(),
    }),
  ).describe("At most 200, soonest revoke first"),
  more: z.number().int().describe("How many more tokens the policy hits beyond those listed"),
});
const jwksSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional(), alg: z.string().optional(), use: z.string().optional() })) });

/** Named response schemas, published under components.schemas. */
const COMPONENTS = {
  Error: errorBodySchema,
  OAuthError: oauthErrorBodySchema,
  Token: tokenResponseSchema,
  TokenWithSecret: tokenWithSecretSchema,
  TokenList: tokenListSchema,
  TokenUsage: usageResponseSchema,
  Scope: scopeResponseSchema,
  ScopeList: scopeListSchema,
  Deleted: deletedSchema,
  Me: meResponseSchema,
  User: userResponseSchema,
  UserList: z.object({ users: z.array(userResponseSchema) }),
  Settings: settingsSchema,
  SigningKey: signingKeyInfoSchema,
  SigningKeyList: z.object({ keys: z.array(signingKeyInfoSchema) }),
  SigningKeyRotation: z.object({ created: z.boolean(), key: signingKeyInfoSchema }),
  UnusedTokens: unusedTokensSchema,
  AuditList: auditListSchema,
  PermissionCatalog: catalogSchema,
  PermissionCheck: z.object({ allowed: z.boolean() }),
  Webhook: webhookResponseSchema,
  WebhookList: z.object({ webhooks: z.array(webhookResponseSchema) }),
  WebhookRequestList: z.object({ requests: z.array(webhookRequestResponseSchema) }),
  TokenExchange: exchangeResponseSchema,
  Introspection: introspectionSchema,
  Jwks: jwksSchema,
  AuthorizationServerMetadata: authorizationServerMetadataSchema,
  ProtectedResourceMetadata: protectedResourceMetadataSchema,
} satisfies Record<string, z.ZodType>;
export type ComponentName = keyof typeof COMPONENTS;

type Operation = {
  summary: string;
  tag: "Tokens" | "Scopes" | "Me" | "Permissions" | "Users" | "Admin" | "Audit" | "Webhooks" | "OAuth" | "Discovery" | "Operations";
  description?: string;
  query?: z.ZodType;
  /** The JSON body the handler parses (OAuth endpoints take it form-encoded too). */
  body?: z.ZodType;
  /** Success: status, description and the component it returns (none: an empty body; text: a
   * plain-text body of that media type instead of JSON). */
  ok: { status: number; description: string; schema?: ComponentName; text?: string };
};

const TOKEN_TAGS = { tag: "Tokens" } as const;
const SCOPE_TAGS = { tag: "Scopes" } as const;

/** Every /api/v1 route (ROUTE_PERMISSIONS), described. */
const API_OPERATIONS: Record<RouteKey, Operation> = {
  "GET /api/v1/me": { tag: "Me", summary: "The caller", ok: { status: 200, description: "The signed-in user or the token's owner", schema: "Me" } },
  "GET /api/v1/me/audit": { tag: "Me", summary: "My audit events", query: auditQuerySchema, ok: { status: 200, description: "Events, newest first", schema: "AuditList" } },
  "GET /api/v1/permissions/catalog": { tag: "Permissions", summary: "Entity types, operations, and what the caller may grant", ok: { status: 200, description: "The catalogue", schema: "PermissionCatalog" } },
  "POST /api/v1/permissions/check": { tag: "Permissions", summary: "May the caller (usually a token) do this?", body: scopeSchema, ok: { status: 200, description: "The answer", schema: "PermissionCheck" } },
  "GET /api/v1/tokens": { ...TOKEN_TAGS, summary: "List tokens", description: "My tokens, newest first; admins may pass all=true and owner.", query: listTokensQuery, ok: { status: 200, description: "A page of tokens", schema: "TokenList" } },
  "POST /api/v1/tokens": { ...TOKEN_TAGS, summary: "Create a token", description: "The secret is in this answer only. Send expiresIn or expiresAt (one of them); scopes is \"all\" or a list of { entity, operation, entityId? }; allowedIps (optional) lists the addresses and CIDR ranges it may be used from.", body: createTokenSchema, ok: { status: 201, description: "The token and its secret (shown once)", schema: "TokenWithSecret" } },
  "DELETE /api/v1/tokens": { ...TOKEN_TAGS, summary: "Delete all my tokens", ok: { status: 200, description: "How many were deleted", schema: "Deleted" } },
  "GET /api/v1/tokens/:id": { ...TOKEN_TAGS, summary: "Read a token", ok: { status: 200, description: "The token", schema: "Token" } },
  "PATCH /api/v1/tokens/:id": { ...TOKEN_TAGS, summary: "Rename, describe, or set the IP allowlist of a token", description: "allowedIps: addresses and CIDR ranges (IPv4, IPv6; at most 100) the token may be used from; null or [] allows any address.", body: updateTokenSchema, ok: { status: 200, description: "The token", schema: "Token" } },
  "DELETE /api/v1/tokens/:id": { ...TOKEN_TAGS, summary: "Delete a token", ok: { status: 204, description: "Deleted" } },
  "POST /api/v1/tokens/:id/revoke": { ...TOKEN_TAGS, summary: "Revoke a token", ok: { status: 200, description: "The revoked token", schema: "Token" } },
  "POST /api/v1/tokens/:id/regenerate": { ...TOKEN_TAGS, summary: "Regenerate a token's secret", description: "New secret, same name, description and scopes. Only the owner may. The old secret stops working at once, or after graceSeconds (at most 86400; default: the token's rotationGraceSeconds, else none); used after that, it revokes the token (reuse detection).", body: regenerateSchema, ok: { status: 200, description: "The token and its new secret (shown once)", schema: "TokenWithSecret" } },
  "POST /api/v1/tokens/self/rotate": { ...TOKEN_TAGS, summary: "Rotate the calling token's own secret", description: "Token callers only (any of the three ways to send it; a session cookie gets 401), with the token's current secret (a replaced one in its grace period gets 409). No scope needed. Same id, name, description and scopes; a new expiry (expiresIn or expiresAt, default 30 days, within the admin maximum). The body may be left out. The old secret works for graceSeconds (default: the token's rotationGraceSeconds, else none); used after that, it revokes the token.", body: rotateSchema, ok: { status: 200, description: "The token and its new secret (shown once)", schema: "TokenWithSecret" } },
  "GET /api/v1/tokens/:id/usage": { ...TOKEN_TAGS, summary: "A token's usage history", description: "Calls and refusals (expired, revoked, ip, scope) per UTC day for the last `days` days (1-90, default 30; zeros included, oldest first), the 5 most recently seen client addresses, and totals. The owner or an admin. Counts are written about once a minute.", query: usageQuery, ok: { status: 200, description: "The usage", schema: "TokenUsage" } },
  "GET /api/v1/tokens/:id/scopes": { ...SCOPE_TAGS, summary: "List a token's scopes", ok: { status: 200, description: "The scopes", schema: "ScopeList" } },
  "POST /api/v1/tokens/:id/scopes": { ...SCOPE_TAGS, summary: "Add a scope", body: scopeSchema, ok: { status: 201, description: "The new scope", schema: "Scope" } },
  "DELETE /api/v1/tokens/:id/scopes": { ...SCOPE_TAGS, summary: "Delete all of a token's scopes", ok: { status: 200, description: "How many were deleted", schema: "Deleted" } },
  "DELETE /api/v1/tokens/:id/scopes/:scopeId": { ...SCOPE_TAGS, summary: "Delete one scope", ok: { status: 204, description: "Deleted" } },
  "GET /api/v1/users": { tag: "Users", summary: "List users", ok: { status: 200, description: "Every user", schema: "UserList" } },
  "POST /api/v1/users": { tag: "Users", summary: "Create a user", body: createUserSchema, ok: { status: 201, description: "The user", schema: "User" } },
  "GET /api/v1/users/:id": { tag: "Users", summary: "Read a user", ok: { status: 200, description: "The user", schema: "User" } },
  "PATCH /api/v1/users/:id": { tag: "Users", summary: "Edit a user", body: updateUserSchema, ok: { status: 200, description: "The user", schema: "User" } },
  "DELETE /api/v1/users/:id/sessions": { tag: "Users", summary: "Sign a user out everywhere", description: "Their session cookies stop working; tokens keep working.", ok: { status: 204, description: "Signed out" } },
  "GET /api/v1/admin/settings": { tag: "Admin", summary: "Read the token policy", ok: { status: 200, description: "The settings", schema: "Settings" } },
  "PUT /api/v1/admin/settings": { tag: "Admin", summary: "Change the token policy", body: settingsSchema, ok: { status: 200, description: "The settings", schema: "Settings" } },
  "GET /api/v1/admin/signing-keys": { tag: "Admin", summary: "List the JWT signing keys", ok: { status: 200, description: "The published keys and their state", schema: "SigningKeyList" } },
  "POST /api/v1/admin/signing-keys": { tag: "Admin", summary: "Rotate the JWT signing key", description: "201 with a new key; 200 when a key is already waiting to sign.", ok: { status: 201, description: "The key that will sign next", schema: "SigningKeyRotation" } },
  "GET /api/v1/admin/unused-tokens": { tag: "Admin", summary: "The unused-token policy's dry run", description: "What the policy has warned about and would revoke now; changes nothing.", ok: { status: 200, description: "The rules and the tokens they hit", schema: "UnusedTokens" } },
  "GET /api/v1/audit": { tag: "Audit", summary: "The audit log", query: auditQuerySchema, ok: { status: 200, description: "Events, newest first", schema: "AuditList" } },
  "POST /api/v1/oauth/introspect": { tag: "OAuth", summary: "Token introspection (RFC 7662)", description: "Form-encoded (or JSON). The caller's PAT is the client secret, its id (or nothing) the client_id: HTTP Basic (client_secret_basic), the form fields client_id and client_secret (client_secret_post), or Bearer. Errors in RFC 6749 shape.", body: tokenBodySchema, ok: { status: 200, description: "{ active: false } or the token's claims", schema: "Introspection" } },
  "GET /api/v1/webhooks": { tag: "Webhooks", summary: "List webhook endpoints", ok: { status: 200, description: "The endpoints", schema: "WebhookList" } },
  "POST /api/v1/webhooks": { tag: "Webhooks", summary: "Create a webhook endpoint", body: createWebhookSchema, ok: { status: 201, description: "The endpoint", schema: "Webhook" } },
  "GET /api/v1/webhooks/:id": { tag: "Webhooks", summary: "Read a webhook endpoint", ok: { status: 200, description: "The endpoint", schema: "Webhook" } },
  "PATCH /api/v1/webhooks/:id": { tag: "Webhooks", summary: "Edit a webhook endpoint", body: updateWebhookSchema, ok: { status: 200, description: "The endpoint", schema: "Webhook" } },
  "DELETE /api/v1/webhooks/:id": { tag: "Webhooks", summary: "Delete a webhook endpoint", ok: { status: 204, description: "Deleted" } },
  "GET /api/v1/webhooks/:id/requests": { tag: "Webhooks", summary: "Requests an endpoint received", ok: { status: 200, description: "Newest first", schema: "WebhookRequestList" } },
  "GET /api/metrics": { tag: "Operations", summary: "Prometheus metrics", description: "Token verifications, cache, rate limits, sign-ins, HTTP requests, database errors and process metrics, in the Prometheus text format. 404 when METRICS_PORT serves them on a separate port.", ok: { status: 200, description: "The metrics", text: "text/plain" } },
};

/** The authority's public endpoints (no console auth; AUTHORITY.paths is where they live). */
const PUBLIC_OPERATIONS: Record<string, Operation & { oauth?: true }> = {
  [`POST ${AUTHORITY.paths.token}`]: { tag: "OAuth", oauth: true, summary: "Token exchange (RFC 8693)", description: "Swap a PAT (subject_token) for a short-lived ES256 JWT access token (RFC 9068). Form-encoded (or JSON); audience and resource may repeat.", body: exchangeSchema, ok: { status: 200, description: "The access token", schema: "TokenExchange" } },
  [`POST ${AUTHORITY.paths.revocation}`]: { tag: "OAuth", oauth: true, summary: "Token revocation (RFC 7009)", description: "Whoever holds a token (PAT or exchanged JWT) may revoke it. 200 whether or not it existed.", body: tokenBodySchema, ok: { status: 200, description: "Revoked (or unknown)" } },
  "GET /api/v1/oauth/jwks": { tag: "OAuth", summary: "Keys that verify exchanged JWTs", ok: { status: 200, description: "JSON Web Key Set", schema: "Jwks" } },
  [`GET ${AUTHORITY.paths.jwks}`]: { tag: "Discovery", summary: "Keys that verify exchanged JWTs", ok: { status: 200, description: "JSON Web Key Set", schema: "Jwks" } },
  [`GET ${AUTHORITY.paths.authorizationServerMetadata}`]: { tag: "Discovery", summary: "Authorization server metadata (RFC 8414)", ok: { status: 200, description: "The metadata", schema: "AuthorizationServerMetadata" } },
  [`GET ${AUTHORITY.paths.protectedResourceMetadata}`]: { tag: "Discovery", summary: "Protected resource metadata (RFC 9728)", ok: { status: 200, description: "The metadata", schema: "ProtectedResourceMetadata" } },
};

/** The console's ways to authenticate; every /api/v1 route takes any one of them. */
const SECURITY_SCHEMES = {
  bearerToken: { type: "http", scheme: "bearer", description: "A personal access token: `Authorization: Bearer <PAT>`." },
  basicToken: { type: "http", scheme: "basic", description: "A personal access token as the Basic password; the user is empty or the token's id (form-urlencoded, RFC 6749 section 2.3.1)." },
  personalTokenHeader: { type: "apiKey", in: "header", name: "X-Personal-Token", description: "A personal access token in its own header." },
  sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The console's sign-in cookie (`__Secure-next-auth.session-token` over HTTPS). Writes must come from the console's own origin." },
} as const;
const ANY_AUTH = Object.keys(SECURITY_SCHEMES).map((name) => ({ [name]: [] }));

type JsonSchema = Record<string, unknown>;
const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });

/** A request schema as JSON Schema: what a client sends (zod's input side; refinements are prose). */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", override: documentScopes });
  return json;
}

/** createTokenSchema's scopes are parsed by hand (to report element errors); say what they take. */
const SCOPES_DOC = inputSchema(z.union([z.literal("all"), z.array(scopeSchema)]));
function documentScopes(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  const def = (ctx.zodSchema as z.ZodType)._zod.def as { type: string; out?: unknown };
  if (def.type === "pipe" && def.out === scopesSchema) {
    for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
    Object.assign(ctx.jsonSchema, structuredClone(SCOPES_DOC));
  }
}

/** "/api/v1/tokens/:id" -> "/api/v1/tokens/{id}" and its path parameters. */
function openApiPath(path: string) {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const parameters = names.map((name) => ({ name, in: "path", required: true, schema: inputSchema(idParams.shape.id) }));
  return { path: path.replace(/:(\w+)/g, "{$1}"), parameters };
}

function queryParameters(query: z.ZodType) {
  const json = inputSchema(query) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: json.required?.includes(name) ?? false, schema }));
}

const errorResponse = (oauth: boolean) => ({ $ref: `#/components/responses/${oauth ? "OAuthError" : "Error"}` });

function operationObject(origin: string, key: string, op: Operation, options: { permission?: string | null; authenticated: boolean; oauth: boolean }) {
  const [method, rawPath] = key.split(" ") as [string, string];
  const { parameters } = openApiPath(rawPath);
  if (op.query) parameters.push(...queryParameters(op.query));
  const permissionText =
    options.permission === undefined ? undefined : options.permission === null ? "Any signed-in caller." : `Needs the permission \`${options.permission}\`.`;
  const okContent = op.ok.schema
    ? { content: { "application/json": { schema: ref(op.ok.schema) } } }
    : op.ok.text ? { content: { [op.ok.text]: { schema: { type: "string" } } } } : {};
  const responses: Record<string, unknown> = { [String(op.ok.status)]: { description: op.ok.description, ...okContent } };
  if (op.body || op.query || options.oauth) responses["400"] = errorResponse(options.oauth);
  if (options.authenticated) {
    responses["401"] = errorResponse(options.oauth);
    responses["403"] = errorResponse(options.oauth);
  }
  if (rawPath.includes(":")) responses["404"] = errorResponse(false);
  responses.default = errorResponse(options.oauth);
  const body = op.body ? inputSchema(op.body) : undefined;
  const form = options.oauth || key === "POST /api/v1/oauth/introspect";
  const bodyTypes = form
    ? { "application/x-www-form-urlencoded": { schema: body }, "application/json": { schema: body } }
    : { "application/json": { schema: body } };
  const path = openApiPath(rawPath).path;
  return {
    method: method.toLowerCase(),
    path,
    operation: {
      operationId: key.replace(/[^A-Za-z0-9]+/g, "_").replace(/_$/, ""),
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, permissionText].filter(Boolean).join("\n\n") || undefined,
      ...(options.permission !== undefined ? { "x-permission": options.permission } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: { required: true, content: bodyTypes } } : {}),
      responses,
      security: options.authenticated ? ANY_AUTH : [],
      "x-codeSamples": curlSamples(origin, method, path, { authenticated: options.authenticated, form, hasBody: body !== undefined }),
    },
  };
}

function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io: "output", unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _dialect, ...schema }]) => [id, schema as JsonSchema]));
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

/** The document for a console served at `origin`. */
export function buildOpenApiDocument(origin: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = ({ method, path, operation }: ReturnType<typeof operationObject>) => ((paths[path] ??= {})[method] = operation);
  for (const [key, op] of Object.entries(API_OPERATIONS) as [RouteKey, Operation][]) {
    add(operationObject(origin, key, op, { permission: ROUTE_PERMISSIONS[key], authenticated: true, oauth: key === "POST /api/v1/oauth/introspect" }));
  }
  for (const [key, op] of Object.entries(PUBLIC_OPERATIONS)) add(operationObject(origin, key, op, { authenticated: false, oauth: op.oauth ?? false }));
  return {
    openapi: "3.1.0",
    info: {
      title: "PAT console API",
      version: "v1",
      description:
        "Personal access tokens, their scopes, users, audit log and webhooks (`/api/v1`), and the OAuth authority for other services. " +
        "Errors of `/api/v1` are `{ error: { code, message, details? } }`, each code with one status; the OAuth endpoints answer RFC 6749 errors `{ error, error_description }`.",
    },
    servers: [{ url: origin }],
    tags: [...new Set([...Object.values(API_OPERATIONS), ...Object.values(PUBLIC_OPERATIONS)].map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas(),
      responses: {
        Error: { description: "An error: `{ error: { code, message, details? } }`", content: { "application/json": { schema: ref("Error") } } },
        OAuthError: { description: "An RFC 6749 error: `{ error, error_description }`", content: { "application/json": { schema: ref("OAuthError") } } },
      },
      securitySchemes: SECURITY_SCHEMES,
    },
    security: ANY_AUTH,
  };
}
