// Human labels and pill tones for audit actions, targets and sign-in reasons.
import type { PillTone } from "@/components/ui/pill";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/record";

export { AUDIT_ACTIONS, type AuditAction };

export const ACTION_LABELS: Record<AuditAction, string> = {
  "auth.sign_in": "Sign-in",
  "auth.sign_out": "Sign-out",
  "auth.sign_in_lock": "Sign-in locked",
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
  "settings.update": "Settings updated",
  "user.create": "User created",
  "user.update": "User updated",
  "user.disable": "User disabled",
  "user.enable": "User enabled",
  "user.sign_out_everywhere": "User signed out everywhere",
  "webhook.create": "Webhook created",
  "webhook.update": "Webhook updated",
  "webhook.delete": "Webhook deleted",
  "signing_key.rotate": "Signing key rotated",
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
  "settings.update": "warning",
  "user.create": "info",
  "user.update": "warning",
  "user.disable": "danger",
  "user.enable": "info",
  "user.sign_out_everywhere": "danger",
  "webhook.create": "info",
  "webhook.update": "warning",
  "webhook.delete": "danger",
  "signing_key.rotate": "warning",
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

const TARGET_LABELS: Record<string, string> = { token: "Token", user: "User", settings: "Settings", session: "Session", webhook: "Webhook", signing_key: "Signing key", federation_policy: "Federation policy", device_authorization: "Device sign-in" };
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
