// Whose a token is, as the tables and pages say it: a person's name, or "service account:
// deploy-bot" (a service account has no mailbox to show).
import type { TokenResponse } from "@/lib/schemas/token";

type Owner = TokenResponse["owner"];

export const isServiceAccount = (owner: Owner) => owner.kind === "service";

export const ownerLabel = (owner: Owner) => (isServiceAccount(owner) ? `service account: ${owner.name}` : owner.name);

/** The viewer acts as the owner: their own token, or a service account's (whose token the
 * server shows only to its managers and admins, who may then do what the owner does). */
export const actsAsOwner = (owner: Owner, viewerId: string) => owner.id === viewerId || isServiceAccount(owner);
