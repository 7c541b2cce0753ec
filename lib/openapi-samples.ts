// The curl examples of the API reference, published in the OpenAPI document as each operation's
// x-codeSamples (the /docs reference renders them): one per way to send a token (Bearer, Basic,
// X-Personal-Token), built here from the operation's method, path and example body (declared
// with the operation, lib/api/operations), so every route has them and none is written by hand.
import { AUTHORITY } from "@/lib/authority/metadata";

export type CodeSample = { lang: "shell"; label: string; source: string };

/** How a token caller authenticates: the three ways withAuth reads a PAT (lib/tokens/credentials.ts). */
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
  /** The operation's example body (its declaration's `example`, else {}); undefined: it takes no body. */
  example: Record<string, string | string[] | boolean> | undefined;
};

/** The curl examples of one operation (`path` in OpenAPI form, `/api/v1/tokens/{id}`). */
export function curlSamples(origin: string, method: string, path: string, options: SampleOptions): CodeSample[] {
  const url = `${origin}${shellPath(path)}`;
  const fields = options.example;
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
