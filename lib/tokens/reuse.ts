// What the hot path (verify.ts) does when a replaced secret is used after its grace period: it
// reports the reuse here, and the revoke, its audit and the owner's notice are loaded only then
// (service/revoke-for-reuse.ts, which pulls in the database writes and mail), so verifying a
// token imports none of that.

/** The paths a token is checked on: recorded with a reuse, so the owner learns which one fired it. */
export type CheckPath = "api" | "introspection" | "exchange" | "webhook";

export type Reuse = { tokenId: string; secretHash: string; ip: string | null; via: CheckPath; now: Date };

/** Revokes the token whose replaced secret was used again; true when this call revoked it. */
export async function reportReuse(reuse: Reuse): Promise<boolean> {
  const { revokeForReuse } = await import("./service/revoke-for-reuse");
  return revokeForReuse(reuse);
}
