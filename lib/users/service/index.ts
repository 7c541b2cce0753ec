// Users: one action per file. Admin-only at the API (see the routes' policy), except the
// sign-in paths (first admin at start, LDAP sign-in).
export { listUsers } from "./list-users";
export { getUser } from "./get-user";
export { createUser } from "./create-user";
export { updateUser } from "./update-user";
export { signOutEverywhere } from "./sign-out-everywhere";
export { ensureFirstAdmin } from "./ensure-first-admin";
export { upsertLdapUser, type DirectoryUser } from "./upsert-ldap-user";
export { toUserResponse } from "../response";
