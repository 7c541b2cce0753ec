// Who may regenerate a token: one rule for the server and for the buttons that offer it.

export const REVOKED_BY_ANOTHER = "This token was revoked by an admin and stays revoked. Create a new token instead.";
export const CREATION_OFF = "Token creation is turned off for your account";
export const EXPIRED_UNAPPROVED = "This token expired unapproved: nobody approved it in time. Create a new token instead.";
export const DENIED = "An approver denied this token and it stays refused: a new secret would not work either. Create a new token instead.";

/** A token another person (an admin) revoked stays revoked; its owner's own revoke can be undone. */
export function revokedByAnother(revokedById: string | null | undefined, ownerId: string): boolean {
  return Boolean(revokedById) && revokedById !== ownerId;
}

/** Why the owner can't regenerate this token now, or null when they can. */
export function regenerateBlock(token: { revokedBy: { id: string } | null; owner: { id: string }; approval?: { status: string } | null }, canCreate: boolean): string | null {
  if (revokedByAnother(token.revokedBy?.id, token.owner.id)) return REVOKED_BY_ANOTHER;
  if (token.approval?.status === "expired") return EXPIRED_UNAPPROVED;
  if (token.approval?.status === "denied") return DENIED;
  return canCreate ? null : CREATION_OFF;
}
