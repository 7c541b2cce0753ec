// RFC 6749 section 2.3.1's client_secret_post at the introspection endpoint: the client_id and
// client_secret form fields are the same credentials as HTTP Basic's user and password (the
// PAT's id or nothing, the PAT). They are turned into that Basic header, so withAuth checks them
// like any other token: one way to read a token, whichever method the client chose.
import { withHeaders, type ApiRequest } from "@/lib/api-request";
import { ApiError } from "@/lib/errors";
import { readBodyBytes } from "@/lib/http";
import { AUTHORITY } from "./metadata";

/** application/x-www-form-urlencoded, as RFC 6749 appendix B encodes Basic's user and password. */
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");

/** The request with form client credentials moved into an Authorization: Basic header; any other
 * request as it was. Two methods at once are refused (RFC 6749 section 2.3: one per request).
 * The body, once read here, travels with the request: the operation parses those bytes, not
 * the stream again. */
export async function clientSecretPostAsBasic(req: ApiRequest): Promise<ApiRequest> {
  const methods: readonly string[] = AUTHORITY.authMethods.introspection;
  if (!methods.includes("client_secret_post")) return req;
  if (!(req.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded")) return req;
  const body = await readBodyBytes(req);
  const fields = new URLSearchParams(new TextDecoder().decode(body));
  const secrets = fields.getAll("client_secret");
  const ids = fields.getAll("client_id");
  if (secrets.length === 0) return withHeaders(req, {}, body);
  if (secrets.length > 1 || ids.length > 1) throw new ApiError("invalid_request", "client_id and client_secret may each be sent once");
  if (req.headers.get("authorization") !== null || req.headers.get("x-personal-token") !== null) {
    throw new ApiError("invalid_request", "Authenticate the client one way: an Authorization header or client_secret, not both");
  }
  return withHeaders(req, { authorization: `Basic ${Buffer.from(`${formEncode(ids[0] ?? "")}:${formEncode(secrets[0])}`).toString("base64")}` }, body);
}
