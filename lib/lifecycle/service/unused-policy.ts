// The unused-token policy applied: warn owners (mail and banner) when a token enters the last
// 7 days before the policy's deadline, and revoke it once that deadline has passed AND the
// warning is at least 7 days old. The warning is a Notice row keyed by the rule, the date the
// count started and the token's prefix, so a use or a regenerate starts a fresh count, a rerun
// changes nothing (idempotent), and an interrupted run picks up where it stopped (resumable).
import { systemMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { getSettings } from "@/lib/policy/service";
import { DAY_MS, policyHit, policyOn, policyReason, WARNING_DAYS, type PolicyHit, type UnusedRules } from "@/lib/policy/unused";
import { revokeBySystem } from "@/lib/tokens/service/revoke-token";
import { queueNotice } from "@/lib/notices/service/queue";
import { policyRevokeNotice } from "@/lib/notices/service/owner-notices";
import { recipientOf, recipientSelect, type RecipientOwner } from "@/lib/notices/recipient";

const BATCH = 200;
/** The most tokens the dry run and the banner list; the rest are counted ("and N more"). */
export const LIST_LIMIT = 200;
const warningMs = WARNING_DAYS * DAY_MS;

type Candidate = {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  createdAt: Date;
  secretIssuedAt: Date;
  lastUsedAt: Date | null;
  user: { id: string; email: string; name: string } & RecipientOwner;
};
const candidateSelect = {
  id: true,
  name: true,
  prefix: true,
  userId: true,
  createdAt: true,
  secretIssuedAt: true,
  lastUsedAt: true,
  user: { select: { id: true, name: true, ...recipientSelect } },
} as const;

export const warningVersion = (hit: PolicyHit, prefix: string) => `${hit.rule}:${hit.since.toISOString()}:${prefix}`;

/** Active tokens within the warning window of a rule (or past it), one page at a time, in id
 * order. Pages go on from the last id seen (not a cursor row): a run revokes the tokens it reads,
 * so the last row of a page may no longer match when the next page is asked for. */
async function* candidates(rules: UnusedRules, now: Date, batch: number, userId?: string): AsyncGenerator<Candidate[]> {
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS + warningMs);
  const or: object[] = [];
  if (rules.unusedTokenDays !== "off") {
    const c = cutoff(rules.unusedTokenDays);
    or.push({ secretIssuedAt: { lte: c }, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: c } }] });
  }
  if (rules.neverUsedTokenDays !== "off") or.push({ lastUsedAt: null, secretIssuedAt: { lte: cutoff(rules.neverUsedTokenDays) } });
  let lastId: string | undefined;
  for (;;) {
    const page = await db.token.findMany({
      where: {
        ...(userId ? { userId } : {}),
        ...(lastId ? { id: { gt: lastId } } : {}),
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        AND: [{ OR: or }],
      },
      select: candidateSelect,
      orderBy: { id: "asc" },
      take: batch,
    });
    if (page.length) yield page;
    if (page.length < batch) return;
    lastId = page[page.length - 1].id;
  }
}

export type PolicyItem = {
  id: string;
  name: string;
  prefix: string;
  owner: { id: string; email: string; name: string };
  createdAt: string;
  /** When the current secret was issued (creation or the last regenerate): the count starts here or at the last use. */
  secretIssuedAt: string;
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

type Assessed = { t: Candidate; hit: PolicyHit; item: PolicyItem };

/** The page's tokens within a warning window, with their warnings read in one query. */
async function assessPage(page: Candidate[], rules: UnusedRules, now: Date): Promise<Assessed[]> {
  const hits = page.flatMap((t) => {
    const hit = policyHit(t, rules);
    return hit && hit.deadline.getTime() - warningMs <= now.getTime() ? [{ t, hit, version: warningVersion(hit, t.prefix) }] : [];
  });
  if (hits.length === 0) return [];
  const warnings = await db.notice.findMany({
    where: { kind: "unused_warning", tokenId: { in: hits.map((h) => h.t.id) } },
    select: { tokenId: true, version: true, createdAt: true },
  });
  const warnedAt = new Map(warnings.map((w) => [`${w.tokenId} ${w.version}`, w.createdAt]));
  return hits.map(({ t, hit, version }) => {
    const warning = warnedAt.get(`${t.id} ${version}`);
    const earliest = (warning?.getTime() ?? now.getTime()) + warningMs;
    const revokeAt = new Date(Math.max(hit.deadline.getTime(), earliest));
    const item: PolicyItem = {
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      owner: t.user,
      createdAt: t.createdAt.toISOString(),
      secretIssuedAt: t.secretIssuedAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      rule: hit.rule,
      days: hit.days,
      reason: policyReason(hit),
      revokeAt: revokeAt.toISOString(),
      warned: warning !== undefined,
      dueNow: warning !== undefined && revokeAt.getTime() <= now.getTime(),
    };
    return { t, hit, item };
  });
}

const rulesOf = (settings: UnusedRules): UnusedRules => ({ unusedTokenDays: settings.unusedTokenDays, neverUsedTokenDays: settings.neverUsedTokenDays });
const byRevokeAt = (a: PolicyItem, b: PolicyItem) => a.revokeAt.localeCompare(b.revokeAt) || a.id.localeCompare(b.id);

/** The first `limit` items by revoke date, and how many more there are, holding at most 2 x limit. */
async function firstItems(pages: AsyncGenerator<Candidate[]>, rules: UnusedRules, now: Date, limit: number, keep: (i: PolicyItem) => boolean) {
  let items: PolicyItem[] = [];
  let total = 0;
  for await (const page of pages) {
    for (const { item } of await assessPage(page, rules, now)) {
      if (!keep(item)) continue;
      total++;
      items.push(item);
      if (items.length >= 2 * limit) items = items.sort(byRevokeAt).slice(0, limit);
    }
  }
  items = items.sort(byRevokeAt).slice(0, limit);
  return { items, more: total - items.length };
}

/** The dry run (admins): the tokens the policy has warned about or would revoke, soonest first,
 * at most `limit` of them (`more` counts the rest). Nothing changed. */
export async function previewUnusedPolicy(now = new Date(), limit = LIST_LIMIT): Promise<{ rules: UnusedRules; tokens: PolicyItem[]; more: number }> {
  const rules = rulesOf(await getSettings());
  if (!policyOn(rules)) return { rules, tokens: [], more: 0 };
  const { items, more } = await firstItems(candidates(rules, now, BATCH), rules, now, limit, () => true);
  return { rules, tokens: items, more };
}

/** One pass: warn, then revoke what is due. Returns how many were warned and revoked. */
export async function applyUnusedPolicy(now = new Date(), batch = BATCH): Promise<{ warned: number; revoked: number }> {
  const rules = rulesOf(await getSettings());
  const result = { warned: 0, revoked: 0 };
  if (!policyOn(rules)) return result;
  for await (const page of candidates(rules, now, batch)) {
    for (const { t, hit } of await assessPage(page, rules, now)) {
      const data = { tokenName: t.name, prefix: t.prefix, days: hit.days };
      const revokeAt = new Date(Math.max(hit.deadline.getTime(), now.getTime() + warningMs)).toISOString();
      // Nobody to mail (a service account with no active manager): still recorded, so the revoke follows.
      const warning = { tokenId: t.id, kind: "unused_warning" as const, version: warningVersion(hit, t.prefix), recipient: recipientOf(t.user), data: { ...data, revokeAt } };
      if (await queueNotice(warning, db, now)) result.warned++;
    }
    // Assessed again after the warnings: a token warned in this run is never revoked in it.
    for (const { t, hit, item } of await assessPage(page, rules, now)) {
      if (!item.dueNow) continue;
      const details = { policy: hit.rule, days: hit.days, since: hit.since.toISOString() };
      const revoked = await revokeBySystem(t.id, policyReason(hit), systemMeta(), details, now, { notice: policyRevokeNotice(t, hit.days, now) });
      if (revoked) result.revoked++;
    }
  }
  return result;
}

/** The owner's side (banner): their active tokens the policy has warned about, at most `limit`. */
export async function unusedWarningsFor(userId: string, now = new Date(), limit = LIST_LIMIT): Promise<{ items: PolicyItem[]; more: number }> {
  const rules = rulesOf(await getSettings());
  if (!policyOn(rules)) return { items: [], more: 0 };
  return firstItems(candidates(rules, now, BATCH, userId), rules, now, limit, (i) => i.warned);
}
