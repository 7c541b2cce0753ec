"use client";

// An event's time in the viewer's zone with the zone named ("Mar 10, 2026" / "2:30:05 PM GMT+1").
import { formatInTimeZone } from "date-fns-tz";
import { useTimeZone } from "@/components/hooks/use-time-zone";

export function formatInstant(iso: string, timeZone: string) {
  return formatInTimeZone(new Date(iso), timeZone, "MMM d, yyyy, h:mm:ss a zzz");
}

export function EventTime({ iso }: { iso: string }) {
  const timeZone = useTimeZone();
  if (!timeZone) return <span className="inline-block h-8 w-28 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />;
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={`${formatInTimeZone(date, timeZone, "EEEE, MMMM d, yyyy, h:mm:ss a zzzz")} (${timeZone})`} className="flex flex-col leading-tight">
      <span className="text-zinc-800 dark:text-zinc-200">{formatInTimeZone(date, timeZone, "MMM d, yyyy")}</span>
      <span className="mt-0.5 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{formatInTimeZone(date, timeZone, "h:mm:ss a zzz")}</span>
    </time>
  );
}
