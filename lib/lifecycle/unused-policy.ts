// The unused-token policy applied: warn owners (mail and banner) when a token enters the last
// 7 days before the policy's deadline, and revoke it once that deadline has passed AND the
// warning is at least 7 days old. The warning is a Notice row keyed by the rule, the date the
// count started and the token's prefix, so a use or a regenerate starts a fresh count, a rerun
// changes nothing (idempotent), and an interrupted run picks up where it stopped (resumable).
import { systemMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { getSettings } from "@/lib/policy/settings";
import { DAY_MS, policyHit, policyOn, policyReason, WARNING_DAYS, type PolicyHit, type UnusedRules } from "@/lib/policy/unused";
import { revokeBySystem } from "@/lib/tokens/actions";
import { queueNotice } from "./notices";

const BATCH = 200;
const warningMs = WARNING_DAYS * DAY_MS;

type Candidate = { id: string; name: string; prefix: string; userId: string; createdAt: Date; lastUsedAt: Date | null; user: { id: string; email: string; name: string } };

export const warningVersion = (hit: PolicyHit, prefix: string) => `${hit.rule}:${hit.since.toISOString()}:${prefix}`;

/** Active tokens within the warning window of a rule (or past it), one page at a time. */
async function* candidates(rules: UnusedRules, now: Date): AsyncGenerator<Candidate[]> {
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS + warningMs);
  const or: object[] = [];
  if (rules.unusedTokenDays !== "off") {
    const c = cutoff(rules.unusedTokenDays);
    or.push({ lastUsedAt: { lte: c } }, { lastUsedAt: null, createdAt: { lte: c } });
  }
  if (rules.neverUsedTokenDays !== "off") or.push({ lastUsedAt: null, createdAt: { lte: cutoff(rules.neverUsedTokenDays) } });
  let cursor: string | undefined;
  for (;;) {
    const page = await db.token.findMany({
      where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }], AND: [{ OR: or }] },
      select: { id: true, name: true, prefix: true, userId: true, createdAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true } } },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length) yield page;
    if (page.length < BATCH) return;
    cursor = page[page.length - 1].id;
  }
}

export type PolicyItem = {
  id: string;
  name: string;
  prefix: string;
  owner: { id: string; email: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
  rule: PolicyHit["rule"];
  days: number;
  reason: string;
  /** When the policy revokes it: the rule's deadline, or 7 days after the owner was warned. */
  revokeAt: string;
  warned: boolean;
  /** The next run revokes it. */
  dueNow: boolean;
};

async function assess(t: Candidate, rules: UnusedRules, now: Date): Promise<{ hit: PolicyHit; item: PolicyItem } | null> {
  const hit = policyHit(t, rules);
  if (!hit || hit.deadline.getTime() - warningMs > now.getTime()) return null;
  const warning = await db.notice.findUnique({
    where: { tokenId_kind_version: { tokenId: t.id, kind: "unused_warning", version: warningVersion(hit, t.prefix) } },
    select: { createdAt: true },
  });
  const earliest = (warning?.createdAt.getTime() ?? now.getTime()) + warningMs;
  const revokeAt = new Date(Math.max(hit.deadline.getTime(), earliest));
  return {
    hit,
    item: {
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      owner: t.user,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      rule: hit.rule,
      days: hit.days,
      reason: policyReason(hit),
      revokeAt: revokeAt.toISOString(),
      warned: Boolean(warning),
      dueNow: Boolean(warning) && revokeAt.getTime() <= now.getTime(),
    },
  };
}

/** The dry run (admins): every token the policy has warned about or would revoke, nothing changed. */
export async function previewUnusedPolicy(now = new Date()): Promise<{ rules: UnusedRules; tokens: PolicyItem[] }> {
  const settings = await getSettings();
  const rules = { unusedTokenDays: settings.unusedTokenDays, neverUsedTokenDays: settings.neverUsedTokenDays };
  const tokens: PolicyItem[] = [];
  if (policyOn(rules)) {
    for await (const page of candidates(rules, now)) {
      for (const t of page) {
        const a = await assess(t, rules, now);
        if (a) tokens.push(a.item);
      }
    }
  }
  tokens.sort((a, b) => a.revokeAt.localeCompare(b.revokeAt));
  return { rules, tokens };
}

/** One pass: warn, then revoke what is due. Returns how many were warned and revoked. */
export async function applyUnusedPolicy(now = new Date()): Promise<{ warned: number; revoked: number }> {
  const settings = await getSettings();
  const rules = { unusedTokenDays: settings.unusedTokenDays, neverUsedTokenDays: settings.neverUsedTokenDays };
  const result = { warned: 0, revoked: 0 };
  if (!policyOn(rules)) return result;
  for await (const page of candidates(rules, now)) {
    for (const t of page) {
      const hit = policyHit(t, rules);
      if (!hit || hit.deadline.getTime() - warningMs > now.getTime()) continue;
      const data = { tokenName: t.name, prefix: t.prefix, days: hit.days };
      const warnedId = await queueNotice(
        { tokenId: t.id, kind: "unused_warning", version: warningVersion(hit, t.prefix), recipient: t.user.email, data: { ...data, revokeAt: new Date(Math.max(hit.deadline.getTime(), now.getTime() + warningMs)).toISOString() } },
        db,
        now,
      );
      if (warnedId) result.warned++;
      const a = await assess(t, rules, now);
      if (!a?.item.dueNow) continue;
      const reason = policyReason(hit);
      const revoked = await revokeBySystem(t.id, reason, systemMeta(), { policy: hit.rule, days: hit.days, since: hit.since.toISOString() }, now);
      if (!revoked) continue;
      result.revoked++;
      await queueNotice({ tokenId: t.id, kind: "policy_revoke", version: now.toISOString(), recipient: t.user.email, data }, db, now);
    }
  }
  return result;
}

/** The owner's side (banner): their active tokens the policy has warned about. */
export async function unusedWarningsFor(userId: string, now = new Date()): Promise<PolicyItem[]> {
  const settings = await getSettings();
  const rules = { unusedTokenDays: settings.unusedTokenDays, neverUsedTokenDays: settings.neverUsedTokenDays };
  if (!policyOn(rules)) return [];
  const tokens = await db.token.findMany({
    where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true, name: true, prefix: true, userId: true, createdAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  const items: PolicyItem[] = [];
  for (const t of tokens) {
    const a = await assess(t, rules, now);
    if (a) items.push(a.item);
  }
  return items.sort((a, b) => a.revokeAt.localeCompare(b.revokeAt));
}
