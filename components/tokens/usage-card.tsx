"use client";

// The detail page's Usage: calls per day (chart, and the same numbers as a table), refusals,
// and the addresses the token was recently used from, in the viewer's time zone.
import { useId, useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { TableHead, tableClass, tdClass, Th } from "@/components/ui/table";
import { UsageChart, dayLabel } from "./usage-chart";
import { useTokenUsage } from "./use-tokens";

const PERIODS = [7, 30, 90] as const;

function Stat({ label, value, tone = "neutral", detail }: { label: string; value: number; tone?: "neutral" | "danger"; detail?: string }) {
  return (
    <div className="px-6 py-4">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "danger" && value > 0 ? "text-red-700 dark:text-red-400" : "text-zinc-900 dark:text-zinc-100"}`}>
        {value.toLocaleString()}
        {detail ? <span className="ml-2 text-xs font-normal text-zinc-600 dark:text-zinc-400">{detail}</span> : null}
      </dd>
    </div>
  );
}

export function UsageCard({ tokenId }: { tokenId: string }) {
  const id = useId();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const query = useTokenUsage(tokenId, days);
  // "IP refusals in the last 30 days" whatever the chart shows: the same query when it is 30.
  const month = useTokenUsage(tokenId, 30);
  const usage = query.data;
  const ipRefusals30 = month.data?.totals.refused.ip;
  const refused = usage ? usage.totals.refused.expired + usage.totals.refused.revoked + usage.totals.refused.scope : 0;

  return (
    <section aria-labelledby={`${id}-title`} className="mt-8" data-testid="usage-card">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold">
            Usage
          </h2>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">Calls with this token per day (UTC). New calls show up within about a minute.</p>
        </div>
        <div role="group" aria-label="Period" className="inline-flex rounded-md shadow-sm ring-1 ring-zinc-300 ring-inset dark:ring-zinc-700">
          {PERIODS.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={days === p}
              onClick={() => setDays(p)}
              className={`px-3 py-1.5 text-sm font-medium first:rounded-l-md last:rounded-r-md focus-visible:relative focus-visible:outline-2 focus-visible:outline-indigo-500 ${
                days === p
                  ? "bg-indigo-600 text-white dark:bg-indigo-500"
                  : "bg-white text-zinc-700 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
              }`}
            >
              {p} days
            </button>
          ))}
        </div>
      </div>
      {query.error ? <ErrorBanner>{query.error.message}</ErrorBanner> : null}
      <Card>
        {!usage ? (
          <div role="status" className="h-64 animate-pulse bg-zinc-50 dark:bg-zinc-800/40" aria-label="Loading usage" />
        ) : (
          <>
            <dl className="grid grid-cols-1 divide-y divide-zinc-100 sm:grid-cols-3 sm:divide-x sm:divide-y-0 dark:divide-zinc-800">
              <Stat label={`Calls in the last ${days} days`} value={usage.totals.calls} />
              <Stat label="IP refusals in the last 30 days" value={ipRefusals30 ?? 0} tone="danger" />
              <Stat
                label={`Other refusals (${days} days)`}
                value={refused}
                tone="danger"
                detail={refused ? `${usage.totals.refused.expired} expired · ${usage.totals.refused.revoked} revoked · ${usage.totals.refused.scope} scope` : undefined}
              />
            </dl>
            <div className="border-t border-zinc-100 px-6 pt-5 pb-4 dark:border-zinc-800">
              {usage.totals.calls === 0 && usage.days.every((d) => d.refused.expired + d.refused.revoked + d.refused.ip + d.refused.scope === 0) ? (
                <div className="py-8 text-center">
                  <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">No calls in the last {days} days</p>
                  <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">When a script or CI job uses this token, its calls appear here per day.</p>
                </div>
              ) : (
                <>
                  <UsageChart days={usage.days} />
                  <div className="mt-2 flex flex-wrap items-center gap-4 text-xs text-zinc-600 dark:text-zinc-400">
                    <span className="inline-flex items-center gap-1.5">
                      <span className="size-2.5 rounded-sm bg-indigo-500 dark:bg-indigo-400" aria-hidden /> Calls
                    </span>
                    <span className="inline-flex items-center gap-1.5">
                      <span className="size-2.5 rounded-sm bg-red-500 dark:bg-red-400" aria-hidden /> Refused (expired, revoked, IP, scope)
                    </span>
                  </div>
                  <details className="group mt-3">
                    <summary className="cursor-pointer rounded text-sm font-medium text-indigo-700 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300 dark:hover:text-indigo-200">
                      Show as table
                    </summary>
                    <div
                      role="region"
                      aria-label="Calls per day, as a table"
                      tabIndex={0}
                      className="mt-3 max-h-80 overflow-auto rounded-lg ring-1 ring-zinc-900/5 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:ring-white/10"
                    >
                      <table className={tableClass}>
                        <caption className="sr-only">Calls and refusals per day (UTC)</caption>
                        <TableHead>
                          <Th>Day</Th>
                          <Th className="text-right">Calls</Th>
                          <Th className="text-right">Expired</Th>
                          <Th className="text-right">Revoked</Th>
                          <Th className="text-right">IP</Th>
                          <Th className="text-right">Scope</Th>
                        </TableHead>
                        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                          {[...usage.days].reverse().map((d) => (
                            <tr key={d.day}>
                              <th scope="row" className={`${tdClass} text-left font-normal text-zinc-800 dark:text-zinc-200`}>
                                <time dateTime={d.day}>{dayLabel(d.day)}</time>
                              </th>
                              {[d.calls, d.refused.expired, d.refused.revoked, d.refused.ip, d.refused.scope].map((n, i) => (
                                <td key={i} className={`${tdClass} text-right tabular-nums ${n === 0 ? "text-zinc-600 dark:text-zinc-400" : "text-zinc-900 dark:text-zinc-100"}`}>
                                  {n}
                                </td>
                              ))}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </details>
                </>
              )}
            </div>
            <div className="border-t border-zinc-100 dark:border-zinc-800">
              <h3 className="px-6 pt-4 text-sm font-semibold text-zinc-900 dark:text-zinc-100">Recent addresses</h3>
              {usage.addresses.length === 0 ? (
                <p className="px-6 pt-1 pb-5 text-sm text-zinc-600 dark:text-zinc-400">None yet: the addresses this token is used from appear here (the last 5).</p>
              ) : (
                <div className="overflow-x-auto px-2 pb-2">
                  <table className={tableClass} data-testid="usage-addresses">
                    <caption className="sr-only">The last {usage.addresses.length} addresses this token was used from</caption>
                    <thead>
                      <tr>
                        <Th>Address</Th>
                        <Th>Last seen</Th>
                        <Th>First seen</Th>
                        <Th className="text-right">Calls</Th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                      {usage.addresses.map((a) => (
                        <tr key={a.ip}>
                          <td className={`${tdClass} font-mono text-zinc-900 dark:text-zinc-100`}>{a.ip}</td>
                          <td className={tdClass}>
                            <LocalDateTime iso={a.lastSeenAt} layout="inline" />
                          </td>
                          <td className={`${tdClass} text-zinc-700 dark:text-zinc-300`}>
                            <LocalDateTime iso={a.firstSeenAt} layout="inline" />
                          </td>
                          <td className={`${tdClass} text-right tabular-nums`}>{a.calls.toLocaleString()}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          </>
        )}
      </Card>
    </section>
  );
}
