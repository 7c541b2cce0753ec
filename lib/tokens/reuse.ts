// What the hot path (verify.ts) does when a replaced secret is used after its grace period: it
// reports the reuse here, and the revoke, its audit and the owner's notice are loaded only then
// (service/revoke-for-reuse.ts, which pulls in the database writes and mail), so verifying a
// token imports none of that.

import type { Reuse } from "./grace";

export type { CheckPath, Reuse } from "./grace";

/** Revokes the token whose replaced secret was used again; true when this call revoked it. */
export async function reportReuse(reuse: Reuse): Promise<boolean> {
  const { revokeForReuse } = await import("./service/revoke-for-reuse");
  return revokeForReuse(reuse);
}
