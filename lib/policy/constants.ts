// Policy choices as plain constants, importing nothing: lib/schemas (shared with browser code)
// and lib/policy read them from here.

export const EXPIRATION_CHOICES = ["7d", "30d", "45d", "60d", "1y", "never"] as const;
export type ExpirationChoice = (typeof EXPIRATION_CHOICES)[number];

/** Choices for both unused-token settings, in days ("off": the rule is not applied). */
export const UNUSED_DAYS_CHOICES = ["off", 30, 60, 90, 180] as const;
export type UnusedDays = (typeof UNUSED_DAYS_CHOICES)[number];
