// Request bodies of the authority endpoints (token exchange, introspection, revocation).
import { z } from "zod";

export const exchangeSchema = z.object({
  grant_type: z.string({ error: "grant_type is required" }),
  subject_token: z.string({ error: "subject_token is required" }).min(1, "subject_token is required").max(512),
  subject_token_type: z.string().optional(),
  scope: z.string().max(2000).optional(),
  audience: z.string().max(200).regex(/^[\x21-\x7e]+$/, "audience must be a plain identifier or URL").optional(),
  requested_token_type: z.string().optional(),
});
export type ExchangeInput = z.infer<typeof exchangeSchema>;

/** RFC 7662 introspection and RFC 7009 revocation take the same body. */
export const tokenBodySchema = z.object({
  token: z.string({ error: "token is required" }).min(1, "token is required").max(4096),
  token_type_hint: z.string().optional(),
});
