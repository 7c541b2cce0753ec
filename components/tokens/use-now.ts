"use client";

// One shared clock for every "Expires in" pill: a re-render every 30 seconds while something
// listens, and the current time at each render (so a token that just changed is measured
// from now, not from the last tick). Null on the server and during hydration, so time-based
// text renders on the client only.
import { useSyncExternalStore } from "react";

const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let ticks = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  if (listeners.size === 0) {
    timer = setInterval(() => {
      ticks += 1;
      listeners.forEach((l) => l());
    }, TICK_MS);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) clearInterval(timer);
  };
}

export function useNow(): Date | null {
  const tick = useSyncExternalStore(subscribe, () => ticks, () => null);
  return tick === null ? null : new Date();
}
