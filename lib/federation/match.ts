// Which federation policy a verified subject JWT matches: its audience, and every claim condition.
// Pure: the exchange passes the verified claims and the enabled policies of the JWT's issuer.
import type { JWTPayload } from "jose";
import type { Condition } from "@/lib/schemas/federation";

/** A glob as a RegExp: "*" any run of characters but "/", "**" any run at all, "?" one
 * character but "/"; everything else literal; the whole value must match. */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}

/** A claim as text: strings as they are, numbers and booleans printed; anything else has no text. */
function claimText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** The first condition that fails, or null when all hold. */
export function failedCondition(claims: JWTPayload, conditions: readonly Condition[]): Condition | null {
  for (const c of conditions) {
    const text = claimText(claims[c.claim]);
    const ok = text !== null && (c.match === "exact" ? text === c.value : globToRegExp(c.value).test(text));
    if (!ok) return c;
  }
  return null;
}

const audiences = (aud: JWTPayload["aud"]) => (aud === undefined ? [] : Array.isArray(aud) ? aud : [aud]);

export type Candidate = { id: string; audience: string; conditions: readonly Condition[] };

/** The first policy (in the order given) the claims satisfy, or why none did (for the audit log
 * only: the caller is never told). */
export function firstMatch<P extends Candidate>(claims: JWTPayload, policies: readonly P[]): { policy: P } | { reason: string } {
  if (policies.length === 0) return { reason: "no enabled policy trusts this issuer" };
  const reasons: string[] = [];
  for (const p of policies) {
    if (!audiences(claims.aud).includes(p.audience)) {
      reasons.push(`${p.id}: audience is not ${p.audience}`);
      continue;
    }
    const failed = failedCondition(claims, p.conditions);
    if (failed) {
      reasons.push(`${p.id}: ${failed.claim} does not ${failed.match === "exact" ? "equal" : "match"} ${failed.value}`);
      continue;
    }
    return { policy: p };
  }
  return { reason: reasons.join("; ").slice(0, 1000) };
}
