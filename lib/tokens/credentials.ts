// Reads a personal access token from a request, in the three ways the API accepts:
//   Authorization: Bearer <pat>
//   Authorization: Basic base64(<user> ":" <pat>)   (curl -u :<pat>, or -u <token id>:<pat>)
//   X-Personal-Token: <pat>
// Basic follows RFC 6749 section 2.3.1 (client_secret_basic): user and password are
// form-urlencoded first. The user is empty or the token's own id (its client_id, as in the
// exchanged JWTs); withAuth checks the id against the token.
// Any bytes may arrive here; every branch ends in a typed result, never an exception.
import { z } from "zod";
import type { HeaderReader } from "@/lib/api-request";

export type Credential =
  | { kind: "none" }
  | { kind: "pat"; secret: string; clientId?: string }
  | { kind: "malformed"; reason: string };

const headerValue = z.string().max(4096);

function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

function fromAuthorization(value: string): Credential {
  const match = /^(\S+)\s+(\S+)\s*$/.exec(value);
  if (!match) return { kind: "malformed", reason: "Authorization header must be 'Bearer <token>' or 'Basic <credentials>'" };
  const [, scheme, param] = match;
  if (/^bearer$/i.test(scheme)) return { kind: "pat", secret: param };
  if (/^basic$/i.test(scheme)) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(param)) return { kind: "malformed", reason: "Basic credentials are not valid base64" };
    const decoded = Buffer.from(param, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return { kind: "malformed", reason: "Basic credentials must be '<token id or nothing>:<token>'" };
    const user = formDecode(decoded.slice(0, colon));
    const secret = formDecode(decoded.slice(colon + 1));
    if (user === null || secret === null) return { kind: "malformed", reason: "Basic credentials are not valid form-urlencoded text" };
    return user ? { kind: "pat", secret, clientId: user } : { kind: "pat", secret };
  }
  return { kind: "malformed", reason: `Unsupported authorization scheme '${scheme.slice(0, 20)}'` };
}

export function readCredential(headers: HeaderReader): Credential {
  const authorization = headerValue.safeParse(headers.get("authorization") ?? "");
  const personal = headerValue.safeParse(headers.get("x-personal-token") ?? "");
  if (!authorization.success || !personal.success) return { kind: "malformed", reason: "Credential header is too long" };
  const fromHeader: Credential = authorization.data ? fromAuthorization(authorization.data) : { kind: "none" };
  const token = personal.data.trim();
  if (!token) return fromHeader;
  if (fromHeader.kind === "malformed") return fromHeader;
  if (fromHeader.kind === "pat" && fromHeader.secret !== token) {
    return { kind: "malformed", reason: "Two different tokens were sent" };
  }
  return fromHeader.kind === "pat" ? fromHeader : { kind: "pat", secret: token };
}
