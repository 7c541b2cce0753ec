// Template links: a URL that opens the generate panel prefilled, like GitHub's
// /settings/personal-access-tokens/new?name=...&description=...&expires_in=..., so a tool's docs
// can say "create the token you need here". The query is only a suggestion: the panel shows it,
// the person can change it, and the server applies the policy (maximum lifetime, the owner's
// roles) to whatever is submitted. Anything that doesn't read is left out, never an error.
//
//   /tokens/new?name=ci-deploy&description=Deploys&expires_in=30d&scopes=tokens:read,channels:publish:news
//
// `scopes`: comma-separated entity:operation[:entityId], or "all"; at most 50 are read.
import { EXPIRATION_CHOICES, type ExpirationChoice } from "@/lib/policy/constants";
import { scopeSchema, tokenDescription, tokenName, type ScopeInput } from "@/lib/schemas/token";

export type TokenTemplate = { name?: string; description?: string; expiresIn?: ExpirationChoice; scopes?: "all" | ScopeInput[] };

const MAX_SCOPES = 50;

function readScopes(raw: string | null): TokenTemplate["scopes"] {
  if (raw === null) return undefined;
  if (raw.trim() === "all") return "all";
  const scopes: ScopeInput[] = [];
  for (const item of raw.split(",").slice(0, MAX_SCOPES)) {
    const [entity, operation, ...id] = item.trim().split(":");
    const parsed = scopeSchema.safeParse({ entity, operation, ...(id.length ? { entityId: id.join(":") } : {}) });
    if (parsed.success) scopes.push(parsed.data as ScopeInput);
  }
  return scopes.length ? scopes : undefined;
}

/** The template in a query string; null when it names nothing. */
export function parseTemplate(params: URLSearchParams): TokenTemplate | null {
  const name = tokenName.safeParse(params.get("name") ?? undefined);
  const description = tokenDescription.safeParse(params.get("description") ?? undefined);
  const expires = params.get("expires_in") ?? params.get("expiresIn");
  const template: TokenTemplate = {
    ...(name.success ? { name: name.data } : {}),
    ...(description.success && description.data ? { description: description.data } : {}),
    ...(EXPIRATION_CHOICES.includes(expires as ExpirationChoice) ? { expiresIn: expires as ExpirationChoice } : {}),
    ...(readScopes(params.get("scopes")) ? { scopes: readScopes(params.get("scopes")) } : {}),
  };
  return Object.keys(template).length ? template : null;
}

/** The link for a template (relative to the console), e.g. for a tool's docs. */
export function templateLink(template: TokenTemplate): string {
  const params = new URLSearchParams();
  if (template.name) params.set("name", template.name);
  if (template.description) params.set("description", template.description);
  if (template.expiresIn) params.set("expires_in", template.expiresIn);
  if (template.scopes) {
    params.set("scopes", template.scopes === "all" ? "all" : template.scopes.map((s) => [s.entity, s.operation, ...(s.entityId && s.entityId !== "*" ? [s.entityId] : [])].join(":")).join(","));
  }
  return `/tokens/new?${params}`;
}
