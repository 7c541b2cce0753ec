// The status pill of a token wherever it is shown (the tables, the token's page): its lifecycle
// status and, for a token the approval policy held back, its approval state. Pure: the page's
// clock moves an active token to "Expired" and a pending one to "Expired unapproved" while open.
import type { PillTone } from "./expiry-pill";
import type { TokenResponse } from "@/lib/schemas/token";

export type PillState = "active" | "expired" | "revoked" | "pending" | "denied" | "expired_unapproved";
export type StatusPillView = { state: PillState; label: string; tone: PillTone };

export const PILL_STATES: Record<PillState, { label: string; tone: PillTone }> = {
  active: { label: "Active", tone: "success" },
  expired: { label: "Expired", tone: "danger" },
  revoked: { label: "Revoked", tone: "neutral" },
  pending: { label: "Pending approval", tone: "warning" },
  denied: { label: "Denied", tone: "danger" },
  expired_unapproved: { label: "Expired unapproved", tone: "neutral" },
};

type PillToken = Pick<TokenResponse, "status" | "expiresAt" | "approval">;

const passed = (iso: string | null | undefined, now: Date | null) => Boolean(iso && now && Date.parse(iso) <= now.getTime());

/** Revoked wins (it is final whatever the approval said); then the approval's refusals, since a
 * denied or unapproved token never worked; then the expiry; a pending token whose expiry passed
 * is simply expired. `now` null (before the page's clock starts): the server's view only. */
export function pillState(token: PillToken, now: Date | null): PillState {
  if (token.status === "revoked") return "revoked";
  const approval = token.approval?.status;
  if (approval === "expired" || (approval === "pending" && passed(token.approval?.pendingUntil, now))) return "expired_unapproved";
  if (approval === "denied") return "denied";
  if (token.status === "expired" || passed(token.expiresAt, now)) return "expired";
  return approval === "pending" ? "pending" : "active";
}

export function statusPill(token: PillToken, now: Date | null): StatusPillView {
  const state = pillState(token, now);
  return { state, ...PILL_STATES[state] };
}
