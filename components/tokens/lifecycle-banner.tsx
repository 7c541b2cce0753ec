"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { WarningBanner } from "@/components/ui/alert";
import { LocalDateTime } from "@/components/ui/local-date-time";
import type { TokenAlerts } from "@/lib/lifecycle/service/alerts";

const linkClass = "font-medium underline underline-offset-2 hover:no-underline";
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** The alerts are read by the server page: after any successful change on this page (a create,
 * regenerate, revoke or delete of a token) the page is re-read so the banner says what is true now. */
function useRefreshAfterMutations() {
  const client = useQueryClient();
  const router = useRouter();
  useEffect(
    () =>
      client.getMutationCache().subscribe((event) => {
        if (event.type === "updated" && event.action.type === "success") router.refresh();
      }),
    [client, router],
  );
}

/** Tokens about to stop working: expiring within 7 days, or due to be revoked for not being used. */
export function LifecycleBanner({ alerts }: { alerts: TokenAlerts }) {
  useRefreshAfterMutations();
  const { expiring, expiringCount, unused, unusedMore } = alerts;
  if (expiringCount === 0 && unused.length === 0) return null;
  return (
    <WarningBanner role="status" aria-label="Tokens that need attention" icon="info" className="mb-4">
      {expiringCount > 0 ? (
        <p>
          {expiringCount} {plural(expiringCount, "token expires", "tokens expire")} within 7 days.{" "}
          <Link href="/tokens?expiring=7d" className={linkClass}>
            Show {plural(expiringCount, "it", "them")}
          </Link>{" "}
          and regenerate {plural(expiringCount, "it", "those")} you still need
          {expiringCount === 1 && expiring.length === 1 ? (
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
      {unusedMore > 0 ? (
        <p>
          And {unusedMore} more {plural(unusedMore, "token", "tokens")} will be revoked for not being used unless used before then.
        </p>
      ) : null}
    </WarningBanner>
  );
}
