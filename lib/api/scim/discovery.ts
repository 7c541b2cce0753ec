// SCIM's discovery documents (RFC 7644 section 4, RFC 7643 sections 5-7): what this service
// supports, so a client (Okta, Entra ID) can read it instead of guessing.
import { SCIM_MAX_BODY_BYTES } from "@/lib/scim/constants";
import { MAX_COUNT } from "@/lib/scim/query";
import { MAX_PATCH_OPERATIONS } from "@/lib/scim/patch";
import { GROUP_SCHEMA, LIST_RESPONSE_SCHEMA, USER_SCHEMA } from "@/lib/scim/resources";

const CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

export function serviceProviderConfig(base: string) {
  return {
    schemas: [CONFIG_SCHEMA],
    documentationUri: `${base.replace(/\/scim\/v2$/, "")}/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "Bearer token", description: "The directory token made on the console's SCIM settings page", primary: true },
    ],
    maxPayloadSize: SCIM_MAX_BODY_BYTES,
    maxOperations: MAX_PATCH_OPERATIONS,
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string) {
  return [
    { schemas: [RESOURCE_TYPE_SCHEMA], id: "User", name: "User", endpoint: "/Users", description: "Console users the directory provisions", schema: USER_SCHEMA, meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` } },
    { schemas: [RESOURCE_TYPE_SCHEMA], id: "Group", name: "Group", endpoint: "/Groups", description: "Directory groups (mapped to console roles)", schema: GROUP_SCHEMA, meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/Group` } },
  ];
}

type Attribute = { name: string; type: string; multiValued?: boolean; required?: boolean; caseExact?: boolean; mutability?: string; uniqueness?: string; subAttributes?: Attribute[]; description?: string };

const attr = ({ multiValued = false, required = false, caseExact = false, mutability = "readWrite", uniqueness = "none", ...rest }: Attribute) => ({
  multiValued, required, caseExact, mutability, returned: "default", uniqueness, ...rest,
});

export function schemas(base: string) {
  const user = {
    schemas: [SCHEMA_SCHEMA],
    id: USER_SCHEMA,
    name: "User",
    description: "A console user",
    attributes: [
      attr({ name: "userName", type: "string", required: true, uniqueness: "server", description: "Unique; usually the sign-in email (Entra ID's userPrincipalName)" }),
      attr({ name: "externalId", type: "string", caseExact: true }),
      attr({ name: "name", type: "complex", subAttributes: [attr({ name: "formatted", type: "string" }), attr({ name: "givenName", type: "string" }), attr({ name: "familyName", type: "string" })] }),
      attr({ name: "displayName", type: "string" }),
      attr({ name: "active", type: "boolean", description: "false: the user is disabled, every token of theirs refused, their sessions ended" }),
      attr({ name: "emails", type: "complex", multiValued: true, subAttributes: [attr({ name: "value", type: "string" }), attr({ name: "type", type: "string" }), attr({ name: "primary", type: "boolean" })] }),
      attr({ name: "groups", type: "complex", multiValued: true, mutability: "readOnly", subAttributes: [attr({ name: "value", type: "string", mutability: "readOnly" }), attr({ name: "display", type: "string", mutability: "readOnly" })] }),
    ],
    meta: { resourceType: "Schema", location: `${base}/Schemas/${USER_SCHEMA}` },
  };
  const group = {
    schemas: [SCHEMA_SCHEMA],
    id: GROUP_SCHEMA,
    name: "Group",
    description: "A directory group; its members get the console roles an admin mapped to its name",
    attributes: [
      attr({ name: "displayName", type: "string", required: true, uniqueness: "server" }),
      attr({ name: "externalId", type: "string", caseExact: true }),
      attr({ name: "members", type: "complex", multiValued: true, subAttributes: [attr({ name: "value", type: "string", caseExact: true }), attr({ name: "display", type: "string", mutability: "readOnly" })] }),
    ],
    meta: { resourceType: "Schema", location: `${base}/Schemas/${GROUP_SCHEMA}` },
  };
  return [user, group];
}

export const listOf = (resources: unknown[]) => ({ schemas: [LIST_RESPONSE_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources });
