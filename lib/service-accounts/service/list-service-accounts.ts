import { db } from "@/lib/db";
import type { ServiceAccountResponse } from "@/lib/schemas/service-account";
import type { Caller } from "@/lib/tokens/service/caller";
import { toServiceAccountResponse } from "../response";
import { accountSelect, findManaged, visibleTo } from "./access";

/** Admins: every service account (at most 500, by name); others: those they manage. */
export async function listServiceAccounts(caller: Caller, now = new Date()): Promise<ServiceAccountResponse[]> {
  const rows = await db.user.findMany({ where: visibleTo(caller), select: accountSelect(now), orderBy: [{ name: "asc" }, { id: "asc" }], take: 500 });
  return rows.map(toServiceAccountResponse);
}

export async function getServiceAccount(caller: Caller, id: string): Promise<ServiceAccountResponse> {
  return toServiceAccountResponse(await findManaged(caller, id));
}
