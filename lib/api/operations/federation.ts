// Workload identity federation policies (admins): which CI systems' OIDC tokens the token
// exchange accepts, and for whom.
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { loadEnv } from "@/lib/env";
import { createPolicy, deletePolicy, getPolicy, listPolicies, updatePolicy } from "@/lib/federation/service/policies";
import { createFederationPolicySchema, updateFederationPolicySchema } from "@/lib/schemas/federation";

const tag = "Federation";

export const listFederationPoliciesOp = defineOperation({
  method: "GET",
  path: "/api/v1/federation/policies",
  permission: "federation:list",
  tag,
  summary: "List federation policies",
  description: "In the order the token exchange tries them (oldest first); maxLifetimeMinutes is FEDERATION_MAX_LIFETIME_MINUTES.",
  responses: { 200: { description: "The policies", schema: COMPONENTS.FederationPolicyList } },
  run: async () => ({ status: 200, body: { policies: await listPolicies(), maxLifetimeMinutes: loadEnv().federation.maxLifetimeMinutes } }),
});

export const createFederationPolicyOp = defineOperation({
  method: "POST",
  path: "/api/v1/federation/policies",
  permission: "federation:create",
  tag,
  summary: "Create a federation policy",
  description:
    "A trusted issuer (https), the audience its JWTs must carry, claim conditions (at least one exact), the principal (user id) the exchanged token acts for, its permissions at most (within the principal's roles) and lifetime.",
  input: { body: createFederationPolicySchema },
  example: {
    name: "Deploy from main",
    issuer: "https://token.actions.githubusercontent.com",
    audience: "pat-console",
    principalId: "$USER_ID",
    scopes: ["tokens:read"],
    lifetimeMinutes: "15",
  },
  responses: { 201: { description: "The policy", schema: COMPONENTS.FederationPolicy } },
  run: async ({ caller, input }) => ({ status: 201, body: await createPolicy(caller.audit, input.body) }),
});

export const getFederationPolicyOp = defineOperation({
  method: "GET",
  path: "/api/v1/federation/policies/:id",
  permission: "federation:read",
  tag,
  summary: "Read a federation policy",
  responses: { 200: { description: "The policy", schema: COMPONENTS.FederationPolicy } },
  run: async ({ input }) => ({ status: 200, body: await getPolicy(input.params.id) }),
});

export const updateFederationPolicyOp = defineOperation({
  method: "PATCH",
  path: "/api/v1/federation/policies/:id",
  permission: "federation:update",
  tag,
  summary: "Edit a federation policy",
  input: { body: updateFederationPolicySchema },
  example: { enabled: false },
  responses: { 200: { description: "The policy", schema: COMPONENTS.FederationPolicy } },
  run: async ({ caller, input }) => ({ status: 200, body: await updatePolicy(caller.audit, input.params.id, input.body) }),
});

export const deleteFederationPolicyOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/federation/policies/:id",
  permission: "federation:delete",
  tag,
  summary: "Delete a federation policy",
  responses: { 204: { description: "Deleted" } },
  run: async ({ caller, input }) => {
    await deletePolicy(caller.audit, input.params.id);
    return { status: 204, body: null };
  },
});

export const FEDERATION_OPERATIONS = [listFederationPoliciesOp, createFederationPolicyOp, getFederationPolicyOp, updateFederationPolicyOp, deleteFederationPolicyOp] as const;
