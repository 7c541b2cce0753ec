"use client";

import Link from "next/link";
import { WarningBanner } from "@/components/ui/alert";
import { LocalDateTime } from "@/components/ui/local-date-time";
import type { TokenAlerts } from "@/lib/lifecycle/alerts";

const linkClass = "font-medium underline underline-offset-2 hover:no-underline";
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Tokens about to stop working: expiring within 7 days, or due to be revoked for not being used. */
export function LifecycleBanner({ alerts }: { alerts: TokenAlerts }) {
  const { expiring, unused } = alerts;
  if (expiring.length === 0 && unused.length === 0) return null;
  return (
    <WarningBanner role="status" aria-label="Tokens that need attention" icon="info" className="mb-4">
        {expiring.length > 0 ? (
          <p>
            {expiring.length} {plural(expiring.length, "token expires", "tokens expire")} within 7 days.{" "}
            <Link href="/tokens?expiring=7d" className={linkClass}>
              Show {plural(expiring.length, "it", "them")}
            </Link>{" "}
            and regenerate {plural(expiring.length, "it", "those")} you still need
            {expiring.length === 1 ? (
              <>
                {" "}
                (<Link href={`/tokens/${expiring[0].id}`} className={linkClass}>regenerate {expiring[0].name}</Link>)
              </>
            ) : null}
            .
          </p>
        ) : null}
        {unused.map((t) => (
          <p key={t.id}>
            <Link href={`/tokens/${t.id}`} className={linkClass}>
              {t.name}
            </Link>{" "}
            will be {t.reason} on <LocalDateTime iso={t.revokeAt} layout="inline" /> unless it is used before then.
          </p>
        ))}
    </WarningBanner>
  );
}
