"use client";

import { Pill, type PillTone } from "@/components/ui/pill";
import type { TokenResponse, TokenStatus } from "@/lib/schemas/token";

const STATUS: Record<TokenStatus, { label: string; tone: PillTone; dot: string }> = {
  active: { label: "Active", tone: "success", dot: "bg-emerald-500" },
  expired: { label: "Expired", tone: "danger", dot: "bg-red-500" },
  revoked: { label: "Revoked", tone: "neutral", dot: "bg-zinc-400" },
};

export const STATUS_LABELS = { active: "Active", expired: "Expired", revoked: "Revoked" } as const;

/** The server's status, moved on to "expired" when the expiry passes while the page is open. */
export function liveStatus(token: Pick<TokenResponse, "status" | "expiresAt">, now: Date | null): TokenStatus {
  if (token.status === "active" && now && token.expiresAt && new Date(token.expiresAt).getTime() <= now.getTime()) {
    return "expired";
  }
  return token.status;
}

export function StatusPill({ status }: { status: TokenStatus }) {
  const { label, tone, dot } = STATUS[status];
  return (
    <Pill tone={tone}>
      <span className={`size-1.5 rounded-full ${dot}`} aria-hidden />
      {label}
    </Pill>
  );
}
