// Reads the OpenAPI document (lib/openapi.ts) into what the /docs page shows: operations grouped
// by tag, their parameters and bodies as rows, a curl example each. The page renders on the
// server from this, so it needs no script (the pages' CSP allows only our own) and can't drift.
import { buildOpenApiDocument } from "@/lib/openapi";

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
  format?: string;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
};

export type Field = { name: string; type: string; required: boolean; notes: string };
export type ReferenceOperation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  permission: string | null | undefined;
  public: boolean;
  parameters: (Field & { in: string })[];
  body: { contentTypes: string[]; fields: Field[] } | null;
  responses: { status: string; description: string; schema: string | null }[];
  curl: string;
};
export type ReferenceComponent = { name: string; fields: Field[]; type: string };

const componentName = (ref: string) => ref.split("/").pop() ?? ref;

/** A short type label: "string", "Token[]", "active | expired", "string | null". */
export function typeLabel(schema: JsonSchema | undefined): string {
  if (!schema || Object.keys(schema).length === 0) return "any";
  if (schema.$ref) return componentName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeLabel).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types
    .map((type) => {
      if (type === "array") return `${typeLabel(schema.items)}[]`;
      if (type === "string" && schema.format) return `string (${schema.format})`;
      if (type === "object" && !schema.properties && typeof schema.additionalProperties === "object") return `map of ${typeLabel(schema.additionalProperties)}`;
      return type;
    })
    .join(" | ") || "any";
}

function notes(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.description) parts.push(schema.description);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) parts.push(`${schema.minLength ?? 0}–${schema.maxLength ?? "…"} characters`);
  if (schema.minimum !== undefined || schema.maximum !== undefined) parts.push(`${schema.minimum ?? "…"}–${schema.maximum ?? "…"}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join("; ");
}

export function fieldsOf(schema: JsonSchema | undefined): Field[] {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    type: typeLabel(property),
    required: schema.required?.includes(name) ?? false,
    notes: notes(property),
  }));
}

/** Bodies for the curl examples where the schema alone can't say what a useful call is
 * (one of two expiry fields, a form grant): the README's examples. */
const EXAMPLE_BODIES: Record<string, Record<string, unknown>> = {
  "POST /api/v1/tokens": { name: "ci deploy", expiresIn: "30d" },
  "POST /api/v1/tokens/{id}/regenerate": { expiresIn: "60d" },
  "PATCH /api/v1/tokens/{id}": { description: "deploys to staging" },
  "POST /api/v1/tokens/{id}/scopes": { entity: "tokens", operation: "read" },
  "POST /api/v1/permissions/check": { entity: "tokens", operation: "read" },
  "POST /api/v1/users": { email: "ada@example.com", name: "Ada", password: "a long password" },
  "PATCH /api/v1/users/{id}": { roles: ["user"] },
  "PUT /api/v1/admin/settings": { maxExpiration: "1y", allowSsoPatCreation: true },
  "POST /api/v1/webhooks": { title: "CI events", path: "ci/events", authMethod: "none" },
  "PATCH /api/v1/webhooks/{id}": { enabled: false },
  "POST /api/v1/oauth/token": {
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: "$PAT",
    subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
    scope: "tokens:read",
  },
  "POST /api/v1/oauth/introspect": { token: "$TOKEN" },
  "POST /api/v1/oauth/revoke": { token: "$TOKEN" },
};

function curlFor(origin: string, method: string, path: string, form: boolean, authenticated: boolean, body: Record<string, unknown> | undefined): string {
  const url = `${origin}${path.replace(/\{(\w+)\}/g, (_, name: string) => `$${name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`)}`;
  const lines: string[] = method === "GET" || (method === "POST" && body) ? [] : [`-X ${method}`];
  if (authenticated) lines.push(path === "/api/v1/oauth/introspect" ? `-u ":$PAT"` : `-H "Authorization: Bearer $PAT"`);
  if (body && form) for (const [name, value] of Object.entries(body)) lines.push(`-d ${name}=${String(value)}`);
  else if (body) lines.push(`-H 'Content-Type: application/json'`, `-d '${JSON.stringify(body)}'`);
  lines.push(url.includes("$") || url.includes("?") ? `"${url}"` : url);
  return `curl ${lines.join(" \\\n  ")}`;
}

/** The whole reference, from the document served at /api/openapi.json. */
export function buildReference(origin: string) {
  const doc = buildOpenApiDocument(origin) as unknown as {
    info: { title: string; description: string };
    tags: { name: string }[];
    paths: Record<string, Record<string, any>>;
    components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, { description: string }> };
  };
  const groups = new Map<string, ReferenceOperation[]>(doc.tags.map((t) => [t.name, []]));
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const content: Record<string, { schema: JsonSchema }> | undefined = op.requestBody?.content;
      const contentTypes = content ? Object.keys(content) : [];
      const bodySchema = content ? Object.values(content)[0].schema : undefined;
      const key = `${method.toUpperCase()} ${path}`;
      const authenticated = op.security.length > 0;
      const entry: ReferenceOperation = {
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        // The permission has its own line on the page; the rest of the description is prose.
        description: (op.description ?? "").split("\n\n").filter((p: string) => !/^(Needs the permission|Any signed-in caller)/.test(p)).join("\n\n") || null,
        permission: op["x-permission"],
        public: !authenticated,
        parameters: (op.parameters ?? []).map((p: { name: string; in: string; required: boolean; schema: JsonSchema }) => ({
          name: p.name,
          in: p.in,
          type: typeLabel(p.schema),
          required: p.required,
          notes: notes(p.schema),
        })),
        body: bodySchema ? { contentTypes, fields: fieldsOf(bodySchema) } : null,
        responses: Object.entries(op.responses as Record<string, { $ref?: string; description?: string; content?: Record<string, { schema: JsonSchema }> }>).map(
          ([status, response]) => {
            const schema = response.content?.["application/json"]?.schema;
            return {
              status,
              description: response.$ref ? `${componentName(response.$ref) === "OAuthError" ? "RFC 6749 error" : "Error"}` : (response.description ?? ""),
              schema: response.$ref ? componentName(response.$ref) : schema ? typeLabel(schema) : null,
            };
          },
        ),
        curl: curlFor(origin, method.toUpperCase(), path, contentTypes[0] === "application/x-www-form-urlencoded", authenticated, bodySchema ? EXAMPLE_BODIES[key] ?? {} : undefined),
      };
      groups.get(op.tags[0])?.push(entry);
    }
  }
  const components: ReferenceComponent[] = Object.entries(doc.components.schemas).map(([name, schema]) => ({
    name,
    type: typeLabel(schema),
    fields: fieldsOf(schema),
  }));
  return {
    title: doc.info.title,
    description: doc.info.description,
    groups: [...groups].filter(([, ops]) => ops.length > 0).map(([tag, operations]) => ({ tag, operations })),
    components,
    securitySchemes: Object.entries(doc.components.securitySchemes).map(([name, s]) => ({ name, description: s.description })),
  };
}
