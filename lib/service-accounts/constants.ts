// The User.kind of a service account (a principal that is not a person: no sign-in, its
// tokens managed by its managers). A constant of its own so that every area can name it.
export const SERVICE_ACCOUNT_KIND = "service";
/** Service accounts have no mailbox: their User.email is this made-up, never-deliverable form. */
export const SERVICE_ACCOUNT_EMAIL_DOMAIN = "service-account.invalid";
