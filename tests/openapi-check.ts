// Checks a response seen in a test against what /api/openapi.json says that route answers:
// the operation's response for that status (or its default), validated with ajv (JSON Schema
// 2020-12, as OpenAPI 3.1 uses) against the document's own schemas.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "@/lib/openapi";
import { publicOrigin } from "@/lib/http";

type Doc = ReturnType<typeof buildOpenApiDocument>;
type Responses = Record<string, { $ref?: string; content?: Record<string, { schema: object }> }>;

let cached: { doc: Doc; ajv: Ajv2020 } | undefined;

function documented() {
  if (cached) return cached;
  const doc = buildOpenApiDocument(publicOrigin());
  // strict: false so the document's non-schema parts (paths, info...) don't count as unknown keywords.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc as object, "openapi.json");
  cached = { doc, ajv };
  return cached;
}

/** "/api/v1/tokens/abc" -> "/api/v1/tokens/{id}", or undefined when the document has no such path. */
function templateOf(doc: Doc, path: string): string | undefined {
  const bare = path.split("?")[0];
  if (doc.paths[bare]) return bare;
  return Object.keys(doc.paths).find((template) => {
    if (!template.includes("{")) return false;
    const pattern = template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+");
    return new RegExp(`^${pattern}$`).test(bare);
  });
}

/** Throws, naming the mismatch, unless `body` is what the document promises for this answer. */
export function expectDocumentedResponse(method: string, path: string, status: number, body: unknown) {
  const { doc, ajv } = documented();
  const template = templateOf(doc, path);
  if (!template) throw new Error(`${path} is not in the OpenAPI document`);
  const operation = (doc.paths[template] as Record<string, { responses: Responses }>)[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${template} is not in the OpenAPI document`);
  let response = operation.responses[String(status)] ?? operation.responses.default;
  if (!response) throw new Error(`${method} ${template}: status ${status} is not documented`);
  if (response.$ref) response = (doc.components.responses as Responses)[response.$ref.split("/").pop()!];
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) {
    if (body === null || body === "") return;
    throw new Error(`${method} ${template} ${status}: documented as empty, got ${JSON.stringify(body)}`);
  }
  const pointer = "$ref" in schema ? (schema.$ref as string) : undefined;
  const validate = pointer ? ajv.getSchema(`openapi.json${pointer}`) : ajv.compile(schema);
  if (!validate) throw new Error(`${method} ${template}: can't resolve ${pointer}`);
  if (!validate(body)) {
    throw new Error(`${method} ${template} ${status} does not match its documented schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
  }
}
