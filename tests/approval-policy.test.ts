// The approval policy's pure rules (lib/policy/approval.ts).
import { describe, expect, it } from "vitest";
import { approvalAfterReplace, approvalReasons, mayApprove, pendingExpired, widensLifetime, type ApprovalPolicy } from "@/lib/policy/approval";

const DAY = 86_400_000;
const now = new Date("2026-01-01T00:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * DAY);
const off: ApprovalPolicy = { approvalLongerThanDays: "off", approvalNoExpiry: false, approvalScopes: [], approvalServiceAccounts: false, approvers: "admins" };
const ask = { expiresAt: inDays(7) as Date | null, allPermissions: false, scopes: [{ entity: "tokens", operation: "read" }], serviceAccount: false };

describe("approvalReasons", () => {
  it("holds nothing back when the policy is off", () => {
    expect(approvalReasons(off, { ...ask, expiresAt: null, allPermissions: true, serviceAccount: true }, now)).toEqual([]);
  });
  it("names each rule a token meets", () => {
    const policy: ApprovalPolicy = { ...off, approvalLongerThanDays: 30, approvalNoExpiry: true, approvalScopes: ["users", "tokens:delete"], approvalServiceAccounts: true };
    expect(approvalReasons(policy, { ...ask, expiresAt: inDays(30) }, now)).toEqual([]);
    expect(approvalReasons(policy, { ...ask, expiresAt: new Date(inDays(30).getTime() + 1) }, now)).toEqual(["lives longer than 30 days"]);
    expect(approvalReasons(policy, { ...ask, expiresAt: null }, now)).toEqual(["never expires"]);
    expect(approvalReasons(policy, { ...ask, scopes: [{ entity: "users", operation: "list" }] }, now)).toEqual(["holds users"]);
    expect(approvalReasons(policy, { ...ask, scopes: [{ entity: "tokens", operation: "delete" }] }, now)).toEqual(["holds tokens:delete"]);
    expect(approvalReasons(policy, { ...ask, allPermissions: true, scopes: [] }, now)).toEqual(["holds users, tokens:delete"]);
    expect(approvalReasons(policy, { ...ask, serviceAccount: true }, now)).toEqual(["belongs to a service account"]);
  });
  it("a lifetime rule alone does not hold back a token that never expires", () => {
    expect(approvalReasons({ ...off, approvalLongerThanDays: 7 }, { ...ask, expiresAt: null }, now)).toEqual([]);
  });
});

describe("replacements and waiting", () => {
  it("widensLifetime compares lifetimes, no expiry being the longest", () => {
    const before = { issuedAt: now, expiresAt: inDays(30) };
    expect(widensLifetime(before, { issuedAt: inDays(10), expiresAt: inDays(40) })).toBe(false);
    expect(widensLifetime(before, { issuedAt: inDays(10), expiresAt: inDays(41) })).toBe(true);
    expect(widensLifetime(before, { issuedAt: now, expiresAt: null })).toBe(true);
    expect(widensLifetime({ issuedAt: now, expiresAt: null }, { issuedAt: now, expiresAt: null })).toBe(false);
    expect(widensLifetime({ issuedAt: now, expiresAt: null }, before)).toBe(false);
  });
  it("approvalAfterReplace re-pends only a widened, held-back token; pending and denied stay", () => {
    expect(approvalAfterReplace("approved", true, true)).toBe("pending");
    expect(approvalAfterReplace("approved", true, false)).toBe("approved");
    expect(approvalAfterReplace("approved", false, true)).toBe("approved");
    expect(approvalAfterReplace(null, true, true)).toBe("pending");
    expect(approvalAfterReplace("denied", true, true)).toBe("denied");
    expect(approvalAfterReplace("pending", false, false)).toBe("pending");
  });
  it("a pending token expires 7 days after its secret was minted", () => {
    expect(pendingExpired(now, new Date(now.getTime() + 7 * DAY - 1))).toBe(false);
    expect(pendingExpired(now, inDays(7))).toBe(true);
  });
  it("mayApprove: admins always, the approver role only when the policy names it", () => {
    expect(mayApprove(["admin"], "admins")).toBe(true);
    expect(mayApprove(["user", "approver"], "admins")).toBe(false);
    expect(mayApprove(["user", "approver"], "approver-role")).toBe(true);
    expect(mayApprove(["user"], "approver-role")).toBe(false);
  });
});
