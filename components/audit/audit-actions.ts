// Human labels and pill tones for audit actions, targets and sign-in reasons.
import type { PillTone } from "@/components/ui/pill";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/record";

export { AUDIT_ACTIONS, type AuditAction };

export const ACTION_LABELS: Record<AuditAction, string> = {
  "auth.sign_in": "Sign-in",
  "auth.sign_out": "Sign-out",
  "auth.sign_in_lock": "Sign-in locked",
  "auth.backchannel_logout": "Signed out by the identity provider",
  "token.create": "Token created",
  "token.update": "Token updated",
  "token.regenerate": "Token regenerated",
  "token.rotate": "Token rotated itself",
  "token.reuse_detected": "Replaced secret reused",
  "token.revoke": "Token revoked",
  "token.delete": "Token deleted",
  "token.delete_all": "All tokens deleted",
  "token.ip_refused": "Token refused (IP)",
  "token.scope_add": "Scope added",
  "token.scope_delete": "Scope removed",
  "token.scope_delete_all": "All scopes removed",
  "token.approve": "Token approved",
  "token.deny": "Token approval denied",
  "settings.update": "Settings updated",
  "user.create": "User created",
  "user.update": "User updated",
  "user.disable": "User disabled",
  "user.enable": "User enabled",
  "user.sign_out_everywhere": "User signed out everywhere",
  "service_account.create": "Service account created",
  "service_account.update": "Service account updated",
  "service_account.disable": "Service account disabled",
  "service_account.enable": "Service account enabled",
  "service_account.delete": "Service account deleted",
  "webhook.create": "Webhook created",
  "webhook.update": "Webhook updated",
  "webhook.delete": "Webhook deleted",
  "signing_key.rotate": "Signing key rotated",
  "scim.user_create": "Directory provisioned user",
  "scim.user_update": "Directory updated user",
  "scim.user_deactivate": "Directory deactivated user",
  "scim.user_reactivate": "Directory reactivated user",
  "scim.user_delete": "Directory deleted user",
  "scim.group_create": "Directory created group",
  "scim.group_update": "Directory updated group",
  "scim.group_delete": "Directory deleted group",
  "scim.group_roles_update": "Group roles changed",
  "federation_policy.create": "Federation policy created",
  "federation_policy.update": "Federation policy updated",
  "federation_policy.delete": "Federation policy deleted",
  "token.federated_exchange": "Workload token exchanged",
  "device.approve": "Device sign-in approved",
  "device.deny": "Device sign-in denied",
};

// Tone by what the action does: adds (info), changes (warning), takes away (danger).
const ACTION_TONES: Record<AuditAction, PillTone> = {
  "auth.sign_in": "neutral",
  "auth.sign_out": "neutral",
  "auth.sign_in_lock": "danger",
  "auth.backchannel_logout": "neutral",
  "token.create": "info",
  "token.update": "warning",
  "token.regenerate": "warning",
  "token.rotate": "warning",
  "token.reuse_detected": "danger",
  "token.revoke": "danger",
  "token.delete": "danger",
  "token.delete_all": "danger",
  "token.ip_refused": "danger",
  "token.scope_add": "info",
  "token.scope_delete": "danger",
  "token.scope_delete_all": "danger",
  "token.approve": "success",
  "token.deny": "danger",
  "settings.update": "warning",
  "user.create": "info",
  "user.update": "warning",
  "user.disable": "danger",
  "user.enable": "info",
  "user.sign_out_everywhere": "danger",
  "service_account.create": "info",
  "service_account.update": "warning",
  "service_account.disable": "danger",
  "service_account.enable": "info",
  "service_account.delete": "danger",
  "webhook.create": "info",
  "webhook.update": "warning",
  "webhook.delete": "danger",
  "signing_key.rotate": "warning",
  "scim.user_create": "info",
  "scim.user_update": "warning",
  "scim.user_deactivate": "danger",
  "scim.user_reactivate": "info",
  "scim.user_delete": "danger",
  "scim.group_create": "info",
  "scim.group_update": "warning",
  "scim.group_delete": "danger",
  "scim.group_roles_update": "warning",
  "federation_policy.create": "info",
  "federation_policy.update": "warning",
  "federation_policy.delete": "danger",
  "token.federated_exchange": "info",
  "device.approve": "info",
  "device.deny": "neutral",
};

export const isAuditAction = (value: unknown): value is AuditAction => AUDIT_ACTIONS.includes(value as AuditAction);

/** Unknown actions (from a newer server) still show, as their raw name. */
export const actionLabel = (action: string) => (isAuditAction(action) ? ACTION_LABELS[action] : action);
export const actionTone = (action: string): PillTone => (isAuditAction(action) ? ACTION_TONES[action] : "neutral");

const TARGET_LABELS: Record<string, string> = { token: "Token", user: "User", settings: "Settings", session: "Session", webhook: "Webhook", signing_key: "Signing key", group: "Directory group", service_account: "Service account", federation_policy: "Federation policy", device_authorization: "Device sign-in" };
export const targetLabel = (type: string) => TARGET_LABELS[type] ?? type;

const REASON_LABELS: Record<string, string> = {
  bad_password: "Wrong password",
  bad_credentials: "Wrong credentials",
  unknown_user: "Unknown user",
  disabled: "User disabled",
  not_allowed: "Not allowed to sign in",
  directory_unavailable: "Directory unavailable",
};
export const reasonLabel = (reason: string) => REASON_LABELS[reason] ?? reason;
