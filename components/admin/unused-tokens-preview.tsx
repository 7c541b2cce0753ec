"use client";

import Link from "next/link";
import { ErrorBanner } from "@/components/ui/alert";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { TableHead, Th, tableClass, tdClass } from "@/components/ui/table";
import { useUnusedTokens } from "./use-settings";

/** The policy's dry run on the settings page: nothing here changes a token. */
export function UnusedTokensPreview() {
  const preview = useUnusedTokens();
  if (preview.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Checking tokens…</p>;
  if (preview.error) return <ErrorBanner>{preview.error.message}</ErrorBanner>;
  const { rules, tokens, more } = preview.data;
  if (rules.unusedTokenDays === "off" && rules.neverUsedTokenDays === "off") {
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">The policy is off: no token is revoked for not being used.</p>;
  }
  if (tokens.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No token is due to be revoked by the saved policy.</p>;
  return (
    <>
      <table className={tableClass} aria-label="Tokens the policy would revoke">
        <TableHead>
          <Th>Token</Th>
          <Th>Owner</Th>
          <Th>Why</Th>
          <Th>Revoked on</Th>
        </TableHead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td className={tdClass}>
                <Link href={`/tokens/${t.id}`} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                  {t.name}
                </Link>{" "}
                <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{t.prefix}…</span>
              </td>
              <td className={tdClass}>{t.owner.email}</td>
              <td className={tdClass}>{t.reason.replace(/^revoked by policy: /, "")}</td>
              <td className={tdClass}>{t.dueNow ? "Next run" : <LocalDateTime iso={t.revokeAt} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          And {more} more {more === 1 ? "token" : "tokens"}, revoked later than those listed.
        </p>
      ) : null}
    </>
  );
}
