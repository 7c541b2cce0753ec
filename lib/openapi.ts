// The console's API as an OpenAPI 3.1 document, derived from the operations list
// (lib/api/operations): each operation's method, path, permission, summary, input schemas (the
// ones its handler parses with) and response schemas (the ones its answers leave through).
// zod 4's JSON Schema output is draft 2020-12, which OpenAPI 3.1 uses as is. Nothing here
// describes a field by hand.
import { z } from "zod";
import { COMPONENTS, type ComponentName } from "@/lib/api/components";
import type { ApiOperation } from "@/lib/api/operation";
import { API_OPERATIONS } from "@/lib/api/operations";
import { idParams } from "@/lib/schemas/common";
import { scopeSchema, scopesSchema } from "@/lib/schemas/token";
import { curlSamples } from "@/lib/openapi-samples";

export const OPENAPI_PATH = "/api/openapi.json";
export type { ComponentName };

/** Each response schema's published name. */
const COMPONENT_NAMES = new Map<z.ZodType, ComponentName>(Object.entries(COMPONENTS).map(([name, schema]) => [schema, name as ComponentName]));

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

function componentOf(op: ApiOperation, schema: z.ZodType): ComponentName {
  const name = COMPONENT_NAMES.get(schema);
  if (!name) throw new Error(`${op.key}: its response schema is not one of COMPONENTS (lib/api/components.ts)`);
  return name;
}

function operationObject(origin: string, op: ApiOperation) {
  const authenticated = op.permission !== "public";
  const oauth = op.errors === "oauth";
  const { parameters } = openApiPath(op.path);
  const query = op.input?.query;
  if (query) parameters.push(...queryParameters(query));
  const permissionText = !authenticated ? undefined : op.permission === null ? "Any signed-in caller." : `Needs the permission \`${op.permission}\`.`;
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    const content = spec.schema
      ? { content: { "application/json": { schema: ref(componentOf(op, spec.schema)) } } }
      : spec.text ? { content: { [spec.text]: { schema: { type: "string" } } } } : {};
    responses[status] = { description: spec.description, ...content };
  }
  const bodySchema = op.input?.documentedBody ?? op.input?.body;
  if (bodySchema || query || oauth) responses["400"] = errorResponse(oauth);
  if (authenticated) {
    responses["401"] = errorResponse(oauth);
    responses["403"] = errorResponse(oauth);
  }
  if (op.path.includes(":")) responses["404"] = errorResponse(false);
  responses.default = errorResponse(oauth);
  const body = bodySchema ? inputSchema(bodySchema) : undefined;
  const form = op.input?.form ?? false;
  const bodyTypes = form
    ? { "application/x-www-form-urlencoded": { schema: body }, "application/json": { schema: body } }
    : { "application/json": { schema: body } };
  const path = openApiPath(op.path).path;
  return {
    method: op.method.toLowerCase(),
    path,
    operation: {
      operationId: op.key.replace(/[^A-Za-z0-9]+/g, "_").replace(/_$/, ""),
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, permissionText].filter(Boolean).join("\n\n") || undefined,
      ...(authenticated ? { "x-permission": op.permission } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: { required: true, content: bodyTypes } } : {}),
      responses,
      security: authenticated ? ANY_AUTH : [],
      "x-codeSamples": curlSamples(origin, op.method, path, { authenticated, form, example: body ? (op.example ?? {}) : undefined }),
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
  const operations: readonly ApiOperation[] = API_OPERATIONS;
  for (const op of operations) {
    const { method, path, operation } = operationObject(origin, op);
    (paths[path] ??= {})[method] = operation;
  }
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
    tags: [...new Set(operations.map((op) => op.tag))].map((name) => ({ name })),
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
