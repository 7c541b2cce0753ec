// The response schemas of the API, by the name the OpenAPI document publishes them under
// (components.schemas). Operations (lib/api/operations) answer through these; the small answers
// that have no type elsewhere are defined here.
import { z } from "zod";
import { approvalQueueSchema } from "@/lib/schemas/approval";
import { auditListSchema } from "@/lib/schemas/audit";
import { groupRoleMappingSchema, scimOverviewSchema } from "@/lib/schemas/scim";
import { settingsSchema } from "@/lib/schemas/settings";
import { scopeAddedSchema, scopeListSchema, scopeResponseSchema, tokenListSchema, tokenResponseSchema, tokenWithSecretSchema, usageResponseSchema } from "@/lib/schemas/token";
import { meResponseSchema, userResponseSchema } from "@/lib/schemas/user";
import { serviceAccountListSchema, serviceAccountResponseSchema } from "@/lib/schemas/service-account";
import { deviceDecisionResponseSchema, devicePendingSchema } from "@/lib/schemas/device";
import { federationPolicyListSchema, federationPolicyResponseSchema } from "@/lib/schemas/federation";
import { PAT_TOKEN_TYPE } from "@/lib/federation/constants";
import { webhookRequestResponseSchema, webhookResponseSchema } from "@/lib/schemas/webhook";
import { AUTHORITY, authorizationServerMetadataSchema, protectedResourceMetadataSchema } from "@/lib/authority/metadata";
import { oauthErrorBodySchema } from "@/lib/authority/oauth-errors";
import { signingKeyInfoSchema } from "@/lib/authority/service/keys";
import { errorBodySchema } from "@/lib/errors";
import { OPERATIONS as PERMISSION_OPERATIONS } from "@/lib/permissions/operations";

const deletedSchema = z.object({ deleted: z.number().int() });
const catalogSchema = z.object({
  operations: z.array(z.enum(PERMISSION_OPERATIONS)),
  entities: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      operations: z.array(z.enum(PERMISSION_OPERATIONS)),
      builtin: z.boolean(),
      /** What the caller may put in a token's scopes for this entity. */
      grantable: z.array(z.enum(PERMISSION_OPERATIONS)),
    }),
  ),
});
const exchangeResponseSchema = z.object({
  access_token: z.string(),
  /** Left out for the device grant (RFC 8628), which answers a PAT as in RFC 6749 5.1. */
  issued_token_type: z.enum([AUTHORITY.issuedTokenType, PAT_TOKEN_TYPE]).optional(),
  token_type: z.literal("Bearer"),
  /** Left out for a device-grant PAT that never expires. */
  expires_in: z.number().int().optional(),
  scope: z.string(),
});
/** RFC 7662: only `active` is promised; an active token adds its claims. */
const introspectionSchema = z.looseObject({
  active: z.boolean(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  username: z.string().optional(),
  token_type: z.string().optional(),
  sub: z.string().optional(),
  exp: z.number().int().optional(),
});
const unusedDays = z.union([z.literal("off"), z.number().int()]);
const unusedTokensSchema = z.object({
  rules: z.object({ unusedTokenDays: unusedDays, neverUsedTokenDays: unusedDays }),
  tokens: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      prefix: z.string(),
      owner: z.object({ id: z.string(), email: z.string(), name: z.string() }),
      createdAt: z.iso.datetime(),
      secretIssuedAt: z.iso.datetime().describe("When the current secret was issued (creation or the last regenerate): the count starts here or at the last use, whichever is later"),
      lastUsedAt: z.iso.datetime().nullable(),
      rule: z.enum(["unused", "never_used"]),
      days: z.number().int(),
      reason: z.string(),
      revokeAt: z.iso.datetime(),
      warned: z.boolean(),
      dueNow: z.boolean(),
    }),
  ).describe("At most 200, soonest revoke first"),
  more: z.number().int().describe("How many more tokens the policy hits beyond those listed"),
});
const jwksSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional(), alg: z.string().optional(), use: z.string().optional() })) });

/** Named response schemas, published under components.schemas. */
export const COMPONENTS = {
  Error: errorBodySchema,
  OAuthError: oauthErrorBodySchema,
  Token: tokenResponseSchema,
  TokenWithSecret: tokenWithSecretSchema,
  TokenList: tokenListSchema,
  TokenUsage: usageResponseSchema,
  ApprovalQueue: approvalQueueSchema,
  Scope: scopeResponseSchema,
  ScopeAdded: scopeAddedSchema,
  ScopeList: scopeListSchema,
  Deleted: deletedSchema,
  Me: meResponseSchema,
  User: userResponseSchema,
  UserList: z.object({ users: z.array(userResponseSchema) }),
  ServiceAccount: serviceAccountResponseSchema,
  ServiceAccountList: serviceAccountListSchema,
  Settings: settingsSchema,
  SigningKey: signingKeyInfoSchema,
  SigningKeyList: z.object({ keys: z.array(signingKeyInfoSchema) }),
  SigningKeyRotation: z.object({ created: z.boolean(), key: signingKeyInfoSchema }),
  UnusedTokens: unusedTokensSchema,
  ScimOverview: scimOverviewSchema,
  ScimGroupRoles: z.object({ mappings: z.array(groupRoleMappingSchema) }),
  AuditList: auditListSchema,
  PermissionCatalog: catalogSchema,
  PermissionCheck: z.object({ allowed: z.boolean() }),
  Webhook: webhookResponseSchema,
  DeviceAuthorization: z.object({
    device_code: z.string(),
    user_code: z.string(),
    verification_uri: z.string(),
    verification_uri_complete: z.string(),
    expires_in: z.number().int(),
    interval: z.number().int(),
  }),
  DevicePending: devicePendingSchema,
  DeviceDecision: deviceDecisionResponseSchema,
  FederationPolicy: federationPolicyResponseSchema,
  FederationPolicyList: federationPolicyListSchema,
  WebhookList: z.object({ webhooks: z.array(webhookResponseSchema) }),
  WebhookRequestList: z.object({ requests: z.array(webhookRequestResponseSchema) }),
  TokenExchange: exchangeResponseSchema,
  Introspection: introspectionSchema,
  Jwks: jwksSchema,
  AuthorizationServerMetadata: authorizationServerMetadataSchema,
  ProtectedResourceMetadata: protectedResourceMetadataSchema,
} satisfies Record<string, z.ZodType>;
export type ComponentName = keyof typeof COMPONENTS;
