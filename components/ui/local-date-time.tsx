"use client";

// Dates in the browser's time zone with the zone named ("Mar 10, 2026" / "2:30 PM GMT+1"; with
// seconds, as audit events show them: "2:30:05 PM GMT+1").
// Rendered on the client only: the server runs in another zone and would not hydrate.
import { formatInTimeZone } from "date-fns-tz";
import { useTimeZone } from "@/components/hooks/use-time-zone";
import { cn } from "@/lib/utils/cn";

const TIME = "h:mm a zzz";
const TIME_WITH_SECONDS = "h:mm:ss a zzz";

export const formatDateTime = (iso: string, timeZone: string) => formatInTimeZone(new Date(iso), timeZone, `MMM d, yyyy, ${TIME}`);
/** To the second: when exactly something happened. */
export const formatInstant = (iso: string, timeZone: string) => formatInTimeZone(new Date(iso), timeZone, `MMM d, yyyy, ${TIME_WITH_SECONDS}`);

type Props = { iso: string; layout?: "stacked" | "inline"; extra?: React.ReactNode; seconds?: boolean };

export function LocalDateTime({ iso, layout = "stacked", extra, seconds = false }: Props) {
  const timeZone = useTimeZone();
  if (!timeZone) {
    const size = layout === "stacked" && seconds ? "h-8 w-28" : "h-4 w-24";
    return <span className={cn("inline-block animate-pulse rounded bg-zinc-100 dark:bg-zinc-800", size)} />;
  }
  const date = new Date(iso);
  const title = `${formatInTimeZone(date, timeZone, "EEEE, MMMM d, yyyy, h:mm:ss a zzzz")} (${timeZone})`;
  if (layout === "inline") {
    return (
      <time dateTime={iso} title={title}>
        {(seconds ? formatInstant : formatDateTime)(iso, timeZone)}
        {extra}
      </time>
    );
  }
  return (
    <time dateTime={iso} title={title} className="flex flex-col leading-tight">
      <span className="text-zinc-800 dark:text-zinc-200">{formatInTimeZone(date, timeZone, "MMM d, yyyy")}</span>
      <span className="mt-0.5 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
        {formatInTimeZone(date, timeZone, seconds ? TIME_WITH_SECONDS : TIME)}
        {extra}
      </span>
    </time>
  );
}
