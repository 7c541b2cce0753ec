"use client";

// The browser's IANA time zone (e.g. "Europe/Paris"), null on the server and during
// hydration: times render on the client only, since the server's zone is not the viewer's.
import { useSyncExternalStore } from "react";

const noopSubscribe = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function useTimeZone(): string | null {
  return useSyncExternalStore(noopSubscribe, browserTimeZone, () => null);
}
