// A token row as the API answers it, with the people who revoked it looked up (../response.ts
// shapes it).
import type { TokenResponse } from "@/lib/schemas/token";
import { db } from "@/lib/db";
import { person, toTokenResponse, type Person, type TokenRow } from "../response";

export async function revokersOf(rows: TokenRow[]): Promise<Map<string, Person>> {
  // Who revoked, who asked for an approval and who decided on it.
  const ids = [...new Set(rows.flatMap((r) => [r.revokedById, r.approvalRequestedById, r.approvalDecidedById]).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const people = await db.user.findMany({ where: { id: { in: ids } }, ...person });
  return new Map(people.map((p) => [p.id, p]));
}

export async function respond(row: TokenRow, now = new Date()): Promise<TokenResponse> {
  return toTokenResponse(row, now, await revokersOf([row]));
}

