// Request bodies of the authority endpoints (token exchange, introspection, revocation).
import { z } from "zod";

/** One value, or several when the name is repeated in a form (RFC 8693 audience, resource). */
const oneOrMore = <T extends z.ZodType<string>>(item: T) =>
  z
    .union([item, z.array(item).max(10, "at most 10 values")])
    .optional()
    .transform((v): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** Read first, alone: RFC 6749 wants an unknown grant type named as such, whatever else is wrong. */
export const grantTypeSchema = z.object({ grant_type: z.string({ error: "grant_type is required" }) });

export const exchangeSchema = z.object({
  grant_type: z.string(),
  subject_token: z.string({ error: "subject_token is required" }).min(1, "subject_token is required").max(8192),
  subject_token_type: z.string({ error: "subject_token_type is required" }),
  actor_token: z.string().max(4096).optional(),
  actor_token_type: z.string().optional(),
  scope: z.string().max(2000).optional(),
  audience: oneOrMore(z.string().max(200).regex(/^[\x21-\x7e]+$/, "audience must be a plain identifier or URL")),
  resource: oneOrMore(z.string().max(2000)),
  requested_token_type: z.string().optional(),
});
export type ExchangeInput = z.infer<typeof exchangeSchema>;

/** RFC 7662 introspection and RFC 7009 revocation take the same body. */
export const tokenBodySchema = z.object({
  token: z.string({ error: "token is required" }).min(1, "token is required").max(4096),
  token_type_hint: z.string().optional(),
});

/** Any OAuth form or JSON body before its grant type is known: names to text values. */
export const oauthFieldsSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** OpenID Connect Back-Channel Logout 1.0 section 2.5: the form field logout_token. */
export const backChannelLogoutSchema = z.object({ logout_token: z.string().min(1, "logout_token is required").max(16_000) }).strict();
