"use client";

// Dates in the browser's time zone with the zone named ("Mar 10, 2026" / "2:30 PM GMT+1").
// Rendered on the client only: the server runs in another zone and would not hydrate.
import { formatInTimeZone } from "date-fns-tz";
import { useTimeZone } from "@/components/hooks/use-time-zone";

export const formatDateTime = (iso: string, timeZone: string) => formatInTimeZone(new Date(iso), timeZone, "MMM d, yyyy, h:mm a zzz");

type Props = { iso: string; layout?: "stacked" | "inline"; extra?: React.ReactNode };

export function LocalDateTime({ iso, layout = "stacked", extra }: Props) {
  const timeZone = useTimeZone();
  if (!timeZone) return <span className="inline-block h-4 w-24 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />;
  const date = new Date(iso);
  const title = `${formatInTimeZone(date, timeZone, "EEEE, MMMM d, yyyy, h:mm:ss a zzzz")} (${timeZone})`;
  if (layout === "inline") {
    return (
      <time dateTime={iso} title={title}>
        {formatDateTime(iso, timeZone)}
        {extra}
      </time>
    );
  }
  return (
    <time dateTime={iso} title={title} className="flex flex-col leading-tight">
      <span className="text-zinc-800 dark:text-zinc-200">{formatInTimeZone(date, timeZone, "MMM d, yyyy")}</span>
      <span className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
        {formatInTimeZone(date, timeZone, "h:mm a zzz")}
        {extra}
      </span>
    </time>
  );
}
