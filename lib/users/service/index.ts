// Users: one action per file. Admin-only at the API (see the routes' policy), except the
// sign-in paths (first admin at start, LDAP and SSO sign-in, the session's user).
export { listUsers } from "./list-users";
export { getUser } from "./get-user";
export { createUser } from "./create-user";
export { updateUser } from "./update-user";
export { signOutEverywhere } from "./sign-out-everywhere";
export { ensureFirstAdmin } from "./ensure-first-admin";
export { upsertLdapUser, type DirectoryUser } from "./upsert-ldap-user";
export { upsertSsoUser, type SsoProfile, type SsoRefusal } from "./upsert-sso-user";
export { activeUser, type SessionUser } from "./active-user";
export { findUserByEmail, recordSessionEvent, signOutUser } from "./sign-in";
export { toUserResponse } from "../response";
