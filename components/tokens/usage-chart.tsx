"use client";

// Calls per day as an inline SVG bar chart: refused calls stacked on top in red. The SVG is
// one image with a summary for screen readers (role="img", aria-label); the numbers themselves
// are in the "Show as table" table next to it.
import { format, parseISO } from "date-fns";
import type { UsageResponse } from "@/lib/schemas/token";

type Day = UsageResponse["days"][number];

const refusedOf = (d: Day) => d.refused.expired + d.refused.revoked + d.refused.ip + d.refused.scope;
export const dayLabel = (day: string) => format(parseISO(day), "MMM d");

/** "Nice" top of the scale: 1, 2, 5 x 10^n at or above the largest day. */
function scaleMax(max: number) {
  if (max <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= max) ?? max;
}

export function chartSummary(days: Day[]): string {
  const calls = days.reduce((n, d) => n + d.calls, 0);
  const refused = days.reduce((n, d) => n + refusedOf(d), 0);
  const busiest = days.reduce((best, d) => (d.calls > best.calls ? d : best), days[0]);
  const range = `${dayLabel(days[0].day)} to ${dayLabel(days[days.length - 1].day)}`;
  const most = calls > 0 ? `, most on ${dayLabel(busiest.day)} (${busiest.calls})` : "";
  return `Calls per day, ${range}: ${calls} ${calls === 1 ? "call" : "calls"} in total${most}; ${refused} refused.`;
}

/** Bars in an SVG stretched to the card's width (no text inside it, so nothing scales oddly);
 * the scale and the day labels are HTML beside it, hidden from screen readers (the SVG's label
 * and the table say it all). */
export function UsageChart({ days }: { days: Day[] }) {
  const top = scaleMax(Math.max(...days.map((d) => d.calls + refusedOf(d))));
  const slot = 10;
  const bar = days.length > 45 ? 8 : 7;
  const y = (v: number) => 100 - (v / top) * 100;
  const labelEvery = Math.ceil(days.length / 6);
  const labelled = days.map((_, i) => i % labelEvery === 0 && (days.length - 1 - i >= labelEvery / 2 || i === 0)).map((on, i) => on || i === days.length - 1);
  const tick = (v: number) => (Number.isInteger(v) ? v.toLocaleString() : v.toFixed(1));
  return (
    <div className="relative pl-9">
      <div aria-hidden className="absolute top-0 left-0 flex h-36 w-7 flex-col justify-between text-right text-[11px] leading-none text-zinc-600 tabular-nums dark:text-zinc-400">
        <span className="-translate-y-1/2">{tick(top)}</span>
        <span>{tick(top / 2)}</span>
        <span className="translate-y-1/2">0</span>
      </div>
      <svg
        viewBox={`0 0 ${days.length * slot} 100`}
        preserveAspectRatio="none"
        role="img"
        aria-label={chartSummary(days)}
        className="block h-36 w-full overflow-visible"
        data-testid="usage-chart"
      >
        {[0, 50, 100].map((at) => (
          <line key={at} x1={0} x2={days.length * slot} y1={at} y2={at} vectorEffect="non-scaling-stroke" strokeDasharray={at === 100 ? undefined : "3 3"} className="stroke-zinc-200 dark:stroke-zinc-700" />
        ))}
        {days.map((d, i) => {
          const x = i * slot + (slot - bar) / 2;
          const refused = refusedOf(d);
          return (
            <g key={d.day} data-day={d.day} data-calls={d.calls}>
              <title>{`${dayLabel(d.day)}: ${d.calls} ${d.calls === 1 ? "call" : "calls"}${refused ? `, ${refused} refused` : ""}`}</title>
              {/* The whole column answers the hover, not only the (possibly empty) bar. */}
              <rect x={i * slot} y={0} width={slot} height={100} fill="transparent" />
              {d.calls > 0 ? <rect x={x} y={y(d.calls)} width={bar} height={100 - y(d.calls)} className="fill-indigo-500 dark:fill-indigo-400" /> : null}
              {refused > 0 ? <rect x={x} y={y(d.calls + refused)} width={bar} height={y(d.calls) - y(d.calls + refused)} className="fill-red-500 dark:fill-red-400" /> : null}
            </g>
          );
        })}
      </svg>
      <div aria-hidden className="relative mt-1.5 h-4 text-[11px] whitespace-nowrap text-zinc-600 dark:text-zinc-400">
        {days.map((d, i) =>
          labelled[i] ? (
            <span
              key={d.day}
              className={`absolute top-0 ${i === 0 ? "" : i === days.length - 1 ? "-translate-x-full" : "-translate-x-1/2"}`}
              style={{ left: `${i === 0 ? 0 : i === days.length - 1 ? 100 : ((i + 0.5) / days.length) * 100}%` }}
            >
              {dayLabel(d.day)}
            </span>
          ) : null,
        )}
      </div>
    </div>
  );
}
