// Who calls the SCIM service: the directory, through its token. Its changes are recorded in the
// audit log with the directory as the actor (no person acted), naming the token it used.
import type { AuditMeta } from "@/lib/audit/record";

export type ScimCaller = {
  /** The service's URL, for each resource's meta.location: "<public origin>/scim/v2". */
  base: string;
  meta: AuditMeta;
  directory: { tokenId: string; tokenName: string; ownerId: string };
};

/** The audit log's actor for the directory's changes ("SCIM directory (Okta)"). */
export function directoryMeta(directory: ScimCaller["directory"], ip: string | null, userAgent: string | null): AuditMeta {
  return { actorId: null, actorEmail: `SCIM directory (${directory.tokenName})`.slice(0, 200), ip, userAgent };
}

export const directoryDetails = (caller: ScimCaller) => ({ via: "scim", directoryTokenId: caller.directory.tokenId, directoryTokenOwner: caller.directory.ownerId });
