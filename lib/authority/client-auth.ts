// RFC 6749 section 2.3.1's client_secret_post at the introspection endpoint: the client_id and
// client_secret form fields are the same credentials as HTTP Basic's user and password (the
// PAT's id or nothing, the PAT). They are turned into that Basic header, so withAuth checks them
// like any other token: one way to read a token, whichever method the client chose.
import { NextRequest } from "next/server";
import { ApiError } from "@/lib/errors";
import { readBody } from "@/lib/http";
import { AUTHORITY } from "./metadata";

/** application/x-www-form-urlencoded, as RFC 6749 appendix B encodes Basic's user and password. */
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");

/** The request with form client credentials moved into an Authorization: Basic header; any other
 * request as it was. Two methods at once are refused (RFC 6749 section 2.3: one per request). */
export async function clientSecretPostAsBasic(req: NextRequest): Promise<NextRequest> {
  const methods: readonly string[] = AUTHORITY.authMethods.introspection;
  if (!methods.includes("client_secret_post")) return req;
  if (!(req.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded")) return req;
  const text = await readBody(req);
  const fields = new URLSearchParams(text);
  const secrets = fields.getAll("client_secret");
  const ids = fields.getAll("client_id");
  const rebuilt = (headers: Headers) => new NextRequest(req.url, { method: req.method, headers, body: text });
  if (secrets.length === 0) return rebuilt(new Headers(req.headers));
  if (secrets.length > 1 || ids.length > 1) throw new ApiError("invalid_request", "client_id and client_secret may each be sent once");
  if (req.headers.has("authorization") || req.headers.has("x-personal-token")) {
    throw new ApiError("invalid_request", "Authenticate the client one way: an Authorization header or client_secret, not both");
  }
  const headers = new Headers(req.headers);
  headers.set("authorization", `Basic ${Buffer.from(`${formEncode(ids[0] ?? "")}:${formEncode(secrets[0])}`).toString("base64")}`);
  return rebuilt(headers);
}
