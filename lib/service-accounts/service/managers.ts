// Managers are people, named by email: each must be a user of the console (not a service
// account). A disabled person may stay a manager (the account keeps working); an account whose
// managers are all disabled or gone is flagged to admins (needsManager).
import { db } from "@/lib/db";
import { badRequest, conflict } from "@/lib/errors";
import { SERVICE_ACCOUNT_KIND } from "../constants";

/** The users' ids, or 400 naming the emails that are nobody here. */
export async function resolveManagers(emails: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(emails)];
  if (!wanted.length) return [];
  const people = await db.user.findMany({ where: { email: { in: wanted }, kind: { not: SERVICE_ACCOUNT_KIND } }, select: { id: true, email: true } });
  const missing = wanted.filter((e) => !people.some((p) => p.email === e));
  if (missing.length) throw badRequest(`No user with the email ${missing.join(", ")}: managers must be people with an account here`);
  return people.map((p) => p.id);
}

/** 409 when another service account already has this name (names are how people tell them apart). */
export async function assertNameFree(name: string, exceptId?: string): Promise<void> {
  const taken = await db.user.findFirst({ where: { kind: SERVICE_ACCOUNT_KIND, name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (taken) throw conflict(`A service account named ${name} already exists`);
}
