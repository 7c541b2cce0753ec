"use client";

import { WarningBanner } from "@/components/ui/alert";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { Pill } from "@/components/ui/pill";
import type { TokenResponse } from "@/lib/schemas/token";
import { SECRET_REUSE } from "@/lib/tokens/grace";
import { statusPill, type PillState } from "@/lib/tokens/status-pill";

const DOT: Record<PillState, string> = {
  active: "bg-emerald-500",
  expired: "bg-red-500",
  revoked: "bg-zinc-400",
  pending: "bg-amber-500",
  denied: "bg-red-500",
  expired_unapproved: "bg-zinc-400",
};

export const STATUS_LABELS = { active: "Active", expired: "Expired", revoked: "Revoked" } as const;

/** The token's status with its approval state (lib/tokens/status-pill.ts), live on the page's clock. */
export function StatusPill({ token, now }: { token: Pick<TokenResponse, "status" | "expiresAt" | "approval">; now: Date | null }) {
  const { state, label, tone } = statusPill(token, now);
  return (
    <Pill tone={tone}>
      <span className={`size-1.5 rounded-full ${DOT[state]}`} aria-hidden />
      {label}
    </Pill>
  );
}

/** Revoked because a replaced secret was used again: where and when, or null for any other token. */
export function reuseOf(token: Pick<TokenResponse, "revokedAt" | "revokedReason" | "revokedDetails">) {
  if (!token.revokedAt || token.revokedReason !== SECRET_REUSE) return null;
  return { ip: token.revokedDetails?.ip ?? null, at: token.revokedDetails?.at ?? token.revokedAt };
}

/** "a replaced secret was used from <IP> at <time>", the time in the viewer's time zone. */
export function ReuseSentence({ ip, at }: { ip: string | null; at: string }) {
  return (
    <>
      a replaced secret was used {ip ? <>from <span className="font-mono">{ip}</span></> : "from an unknown address"} at{" "}
      <LocalDateTime iso={at} layout="inline" />
    </>
  );
}

/** The detail page's banner for a token revoked by reuse detection. */
export function ReuseAlert({ token }: { token: Pick<TokenResponse, "revokedAt" | "revokedReason" | "revokedDetails"> }) {
  const reuse = reuseOf(token);
  if (!reuse) return null;
  return (
    <div
      role="status"
      aria-label="Why this token was revoked"
      className="mb-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-600/20 dark:bg-red-950/50 dark:text-red-200 dark:ring-red-400/25"
    >
      <p className="font-medium">
        Revoked: <ReuseSentence ip={reuse.ip} at={reuse.at} />.
      </p>
      <p className="mt-1 text-red-700 dark:text-red-300">
        That secret had been replaced by a rotation or a regenerate, and its grace period was over, so it has probably leaked. The
        token was revoked, its current secret too. Find where the old secret is still used, then regenerate the token.
      </p>
    </div>
  );
}

/** The detail page's banner for a token the approval policy held back: its state, who decided and why. */
export function ApprovalAlert({ token }: { token: Pick<TokenResponse, "approval"> }) {
  const approval = token.approval;
  if (!approval) return null;
  const decided = approval.decidedBy ? (
    <>
      {" "}
      by <span className="font-medium">{approval.decidedBy.name}</span>
      {approval.decidedAt ? (
        <>
          {" "}
          on <LocalDateTime iso={approval.decidedAt} layout="inline" />
        </>
      ) : null}
    </>
  ) : null;
  const reason = approval.reason ? <p className="mt-1">Reason: {approval.reason}</p> : null;
  if (approval.status === "approved") {
    return (
      <p role="status" aria-label="Approval" className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-600/20 dark:bg-emerald-950/40 dark:text-emerald-200">
        Approved{decided}.{approval.reason ? ` Reason: ${approval.reason}` : ""}
      </p>
    );
  }
  if (approval.status === "denied") {
    return (
      <div role="status" aria-label="Approval" className="mb-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-600/20 dark:bg-red-950/50 dark:text-red-200">
        <p className="font-medium">Approval denied{decided}: the token can&apos;t be used.</p>
        {reason}
      </div>
    );
  }
  return (
    <WarningBanner role="status" aria-label="Approval" className="mb-4">
      {approval.status === "expired" ? (
        <p className="font-medium">Expired unapproved: nobody approved the token within 7 days. Create a new one.</p>
      ) : (
        <>
          <p className="font-medium">Pending approval: the token is refused until an approver approves it.</p>
          {approval.pendingUntil ? (
            <p>
              It waits for an approver until <LocalDateTime iso={approval.pendingUntil} layout="inline" />; unapproved by then, it expires.
            </p>
          ) : null}
          <ApprovalAsk approval={approval} />
        </>
      )}
    </WarningBanner>
  );
}

/** Who asked for the approval and why the policy held the token back (the queue and the token's page). */
export function ApprovalAsk({ approval }: { approval: NonNullable<TokenResponse["approval"]> }) {
  if (!approval.requestedBy && approval.because.length === 0) return null;
  return (
    <p>
      {approval.requestedBy ? (
        <>
          Asked for by <span className="font-medium">{approval.requestedBy.name}</span>
          {approval.because.length > 0 ? ": " : "."}
        </>
      ) : (
        "Held back: "
      )}
      {approval.because.length > 0 ? `it ${approval.because.join("; ")}.` : null}
    </p>
  );
}
