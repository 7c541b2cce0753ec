// Who a token's notice goes to: its owner, or for a service account (which has no mailbox) its
// managers who are not disabled, as one comma-separated recipient list. None left: no notice
// (the account is then flagged to admins on the Service accounts page).
import type { Prisma } from "@/lib/db";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";

/** What recipientOf reads of the owner (a User select). */
export const recipientSelect = {
  email: true,
  kind: true,
  managers: { where: { user: { disabled: false } }, select: { user: { select: { email: true } } }, take: 20 },
} satisfies Prisma.UserSelect;

export type RecipientOwner = { email: string; kind: string; managers: { user: { email: string } }[] };

export function recipientOf(owner: RecipientOwner): string | null {
  if (owner.kind !== SERVICE_ACCOUNT_KIND) return owner.email;
  const emails = owner.managers.map((m) => m.user.email).sort();
  return emails.length ? emails.join(", ") : null;
}
