// The curl examples of the API reference, published in the OpenAPI document as each operation's
// x-codeSamples (the /docs reference renders them): one per way to send a token (Bearer, Basic,
// X-Personal-Token), built here from the operation's method, path and body, so every route has
// them and none is written by hand.
import { AUTHORITY } from "@/lib/authority/metadata";

export type CodeSample = { lang: "shell"; label: string; source: string };

/** How a token caller authenticates: the three ways withAuth reads a PAT (lib/auth/credentials.ts). */
export const TOKEN_AUTH = {
  Bearer: `-H "Authorization: Bearer $PAT"`,
  Basic: `-u ":$PAT"`,
  "X-Personal-Token": `-H "X-Personal-Token: $PAT"`,
} as const;

/** The introspection endpoint's client authentication, by its RFC 8414 name (AUTHORITY.authMethods). */
const INTROSPECTION_AUTH: Record<(typeof AUTHORITY.authMethods.introspection)[number], { label: string; lines: string[]; form?: Record<string, string> }> = {
  client_secret_basic: { label: "curl (client_secret_basic)", lines: [`-u "$PAT_ID:$PAT"`] },
  client_secret_post: { label: "curl (client_secret_post)", lines: [], form: { client_id: "$PAT_ID", client_secret: "$PAT" } },
  Bearer: { label: "curl (Bearer)", lines: [TOKEN_AUTH.Bearer] },
};

/** Bodies where the schema alone can't say what a useful call is (one of two expiry fields, a
 * grant's fields): the README's examples. Any other body gets `{}`. */
const EXAMPLE_BODIES: Record<string, Record<string, string | string[] | boolean>> = {
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
  [`POST ${AUTHORITY.paths.token}`]: {
    grant_type: AUTHORITY.grantTypes[0],
    subject_token: "$PAT",
    subject_token_type: AUTHORITY.subjectTokenTypes[0],
    scope: "tokens:read",
    audience: "my-service",
  },
  [`POST ${AUTHORITY.paths.introspection}`]: { token: "$TOKEN" },
  [`POST ${AUTHORITY.paths.revocation}`]: { token: "$TOKEN" },
};

/** "{tokenId}" -> "$TOKEN_ID": path parameters read as shell variables. */
const shellPath = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => `$${name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`);

function formLines(fields: Record<string, string | string[] | boolean>): string[] {
  return Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `-d ${name}=${String(v)}`));
}

function curl(method: string, url: string, lines: string[], hasBody: boolean): string {
  const verb = method === "GET" || (method === "POST" && hasBody) ? [] : [`-X ${method}`];
  const target = /[$?&]/.test(url) ? `"${url}"` : url;
  return ["curl", ...verb, ...lines, target].join(" \\\n  ");
}

type SampleOptions = {
  /** Called with a PAT (or a session): one sample per way to send it. */
  authenticated: boolean;
  /** The body is form-encoded (the OAuth endpoints). */
  form: boolean;
  hasBody: boolean;
};

/** The curl examples of one operation (`path` in OpenAPI form, `/api/v1/tokens/{id}`). */
export function curlSamples(origin: string, method: string, path: string, options: SampleOptions): CodeSample[] {
  const key = `${method} ${path}`;
  const url = `${origin}${shellPath(path)}`;
  const fields = options.hasBody ? (EXAMPLE_BODIES[key] ?? {}) : undefined;
  const body = !fields ? [] : options.form ? formLines(fields) : [`-H 'Content-Type: application/json'`, `-d '${JSON.stringify(fields)}'`];
  if (path === AUTHORITY.paths.introspection) {
    return AUTHORITY.authMethods.introspection.map((name) => {
      const auth = INTROSPECTION_AUTH[name];
      return { lang: "shell", label: auth.label, source: curl(method, url, [...auth.lines, ...body, ...formLines(auth.form ?? {})], true) };
    });
  }
  if (!options.authenticated) return [{ lang: "shell", label: "curl", source: curl(method, url, body, fields !== undefined) }];
  return Object.entries(TOKEN_AUTH).map(([name, line]) => ({
    lang: "shell",
    label: `curl (${name})`,
    source: curl(method, url, [line, ...body], fields !== undefined),
  }));
}
