// Policy choices as plain constants, importing nothing: lib/schemas (shared with browser code)
// and lib/policy read them from here.

export const EXPIRATION_CHOICES = ["7d", "30d", "45d", "60d", "1y", "never"] as const;
export type ExpirationChoice = (typeof EXPIRATION_CHOICES)[number];

/** Choices for both unused-token settings, in days ("off": the rule is not applied). */
export const UNUSED_DAYS_CHOICES = ["off", 30, 60, 90, 180] as const;
export type UnusedDays = (typeof UNUSED_DAYS_CHOICES)[number];

/** Who decides on tokens the approval policy holds back. */
export const APPROVER_CHOICES = ["admins", "approver-role"] as const;
export type Approvers = (typeof APPROVER_CHOICES)[number];
/** Lifetimes (days) above which a new token may need approval ("off": no lifetime rule). */
export const APPROVAL_DAYS_CHOICES = ["off", 7, 30, 60, 90, 365] as const;
export type ApprovalDays = (typeof APPROVAL_DAYS_CHOICES)[number];
/** A token still pending this many days after its secret was minted counts as expired. */
export const PENDING_APPROVAL_DAYS = 7;
