import { describe, expect, it } from "vitest";
import { pillState, statusPill } from "@/lib/tokens/status-pill";
import type { TokenResponse } from "@/lib/schemas/token";

const now = new Date("2026-03-10T12:00:00Z");
const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
type Approval = NonNullable<TokenResponse["approval"]>;
const approval = (status: Approval["status"], pendingUntil: string | null = null): Approval => ({ status, reason: null, decidedBy: null, decidedAt: null, pendingUntil, requestedBy: null, requestedAt: null, because: [] });
const token = (status: TokenResponse["status"], expiresAt: string | null, a: Approval | null = null) => ({ status, expiresAt, approval: a });

describe("status pill", () => {
  it.each([
    ["active, no approval", token("active", at(30)), "active", "Active", "success"],
    ["approved", token("active", null, approval("approved")), "active", "Active", "success"],
    ["expired", token("expired", at(-1)), "expired", "Expired", "danger"],
    ["revoked", token("revoked", at(30)), "revoked", "Revoked", "neutral"],
    ["pending", token("active", null, approval("pending", at(6))), "pending", "Pending approval", "warning"],
    ["denied", token("active", at(30), approval("denied")), "denied", "Denied", "danger"],
    ["expired unapproved (server)", token("active", null, approval("expired")), "expired_unapproved", "Expired unapproved", "neutral"],
    ["pending past its wait (page clock)", token("active", null, approval("pending", at(-0.001))), "expired_unapproved", "Expired unapproved", "neutral"],
    ["revoked while pending", token("revoked", null, approval("pending", at(6))), "revoked", "Revoked", "neutral"],
    ["revoked after a denial", token("revoked", null, approval("denied")), "revoked", "Revoked", "neutral"],
    ["pending whose own expiry passed", token("active", at(-0.001), approval("pending", at(6))), "expired", "Expired", "danger"],
    ["denied whose expiry passed", token("expired", at(-1), approval("denied")), "denied", "Denied", "danger"],
  ])("%s", (_, t, state, label, tone) => {
    expect(statusPill(t, now)).toEqual({ state, label, tone });
  });

  it("moves on with the page's clock, and shows the server's view before the clock starts", () => {
    const pending = token("active", at(30), approval("pending", at(1)));
    expect(pillState(pending, null)).toBe("pending");
    expect(pillState(pending, new Date(Date.parse(at(1))))).toBe("expired_unapproved");
    const active = token("active", at(1));
    expect(pillState(active, null)).toBe("active");
    expect(pillState(active, new Date(Date.parse(at(1))))).toBe("expired");
  });
});
