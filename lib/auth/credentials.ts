// Reads a personal access token from a request, in the three ways the API accepts:
//   Authorization: Bearer <pat>
//   Authorization: Basic base64(":" + <pat>)   (curl -u :<pat>)
//   X-Personal-Token: <pat>
// Any bytes may arrive here; every branch ends in a typed result, never an exception.
import { z } from "zod";

export type Credential = { kind: "none" } | { kind: "pat"; secret: string } | { kind: "malformed"; reason: string };

const headerValue = z.string().max(4096);

function fromAuthorization(value: string): Credential {
  const match = /^(\S+)\s+(\S+)\s*$/.exec(value);
  if (!match) return { kind: "malformed", reason: "Authorization header must be 'Bearer <token>' or 'Basic <credentials>'" };
  const [, scheme, param] = match;
  if (/^bearer$/i.test(scheme)) return { kind: "pat", secret: param };
  if (/^basic$/i.test(scheme)) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(param)) return { kind: "malformed", reason: "Basic credentials are not valid base64" };
    const decoded = Buffer.from(param, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon !== 0) return { kind: "malformed", reason: "Basic credentials must have an empty user name and the token as password" };
    return { kind: "pat", secret: decoded.slice(1) };
  }
  return { kind: "malformed", reason: `Unsupported authorization scheme '${scheme.slice(0, 20)}'` };
}

export function readCredential(headers: Headers): Credential {
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
  return { kind: "pat", secret: token };
}
