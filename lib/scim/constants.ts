// SCIM's permission names, importing nothing (the catalog, the schemas and the settings page read them).
export const SCIM_ENTITY = "scim";
export const SCIM_OPERATIONS = ["create", "read", "list", "update", "delete"] as const;
/** The scopes of a directory token: every SCIM operation and nothing else. */
export const SCIM_SCOPES = SCIM_OPERATIONS.map((operation) => ({ entity: SCIM_ENTITY, operation, entityId: "*" }));
/** The largest SCIM request body (advertised as maxPayloadSize; the door, lib/body-limits.mjs,
 * lets /scim/ bodies this large in): a group push of some 5,000 members fits. */
export const SCIM_MAX_BODY_BYTES = 256 * 1024;
