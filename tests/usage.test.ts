// Usage counting (lib/tokens/usage-recorder.ts) in memory: coalescing, bounds, days; and the last-used hint.
import { describe, expect, it } from "vitest";
import { lastUsedHint, STALE_AFTER_DAYS } from "@/lib/tokens/last-used-hint";
import { UsageRecorder, utcDay, type TokenUsage } from "@/lib/tokens/usage-recorder";

function recorder(maxTokens?: number) {
  const writes: TokenUsage[][] = [];
  const r = new UsageRecorder(async (batch) => void writes.push(batch), () => 3_600_000, maxTokens);
  return { r, writes };
}

const T = Date.UTC(2026, 10, 30, 12);

describe("UsageRecorder", () => {
  it("coalesces many calls into one write per token per flush", async () => {
    const { r, writes } = recorder();
    for (let i = 0; i < 1000; i++) r.call("a", "203.0.113.7", T + i);
    for (let i = 0; i < 300; i++) r.call("b", i % 2 ? "198.51.100.1" : "2001:db8::1", T + i);
    r.refuse("a", "scope", T);
    r.refuse("a", "ip", T);
    r.refuse("b", "expired", T);
    r.refuse("b", "revoked", T);
    expect(writes).toHaveLength(0); // nothing written on the request path
    await r.flush();
    expect(writes).toHaveLength(1);
    const batch = writes[0];
    expect(batch.map((u) => u.tokenId)).toEqual(["a", "b"]); // one entry per token
    expect(batch[0].days).toEqual([{ day: "2026-11-30", calls: 1000, refusedExpired: 0, refusedRevoked: 0, refusedIp: 1, refusedScope: 1 }]);
    expect(batch[0].addresses).toEqual([{ ip: "203.0.113.7", firstSeenAt: new Date(T), lastSeenAt: new Date(T + 999), calls: 1000 }]);
    expect(batch[1].days[0]).toMatchObject({ calls: 300, refusedExpired: 1, refusedRevoked: 1 });
    expect(batch[1].addresses.map((a) => [a.ip, a.calls])).toEqual([
      ["2001:db8::1", 150],
      ["198.51.100.1", 150],
    ]);
    await r.flush();
    expect(writes).toHaveLength(1); // nothing new: no write
    r.call("a", null, T + 5000);
    await r.flush();
    expect(writes).toHaveLength(2);
    expect(writes[1]).toEqual([{ tokenId: "a", days: [expect.objectContaining({ calls: 1 })], addresses: [] }]);
  });

  it("splits counts by UTC day", async () => {
    const { r, writes } = recorder();
    const midnight = Date.UTC(2026, 11, 1);
    r.call("a", null, midnight - 1);
    r.call("a", null, midnight);
    r.call("a", null, midnight + 1);
    await r.flush();
    expect(writes[0][0].days.map((d) => [d.day, d.calls])).toEqual([
      ["2026-11-30", 1],
      ["2026-12-01", 2],
    ]);
    expect(utcDay(midnight - 1)).toBe("2026-11-30");
    expect(utcDay(midnight)).toBe("2026-12-01");
  });

  it("keeps the most recent addresses of a token only", async () => {
    const { r, writes } = recorder();
    for (let i = 0; i < 20; i++) r.call("a", `10.0.0.${i}`, T + i);
    r.call("a", "10.0.0.3", T + 100); // seen again: recent
    await r.flush();
    expect(writes[0][0].addresses.map((a) => a.ip)).toEqual(["10.0.0.16", "10.0.0.17", "10.0.0.18", "10.0.0.19", "10.0.0.3"]);
  });

  it("holds a bounded number of tokens: past the bound the batch is written early", async () => {
    const { r, writes } = recorder(100);
    for (let i = 0; i < 250; i++) {
      r.call(`t${i}`, null, T);
      expect(r.size).toBeLessThanOrEqual(100);
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve)); // requests arrive over time
    }
    await r.flush();
    expect(writes.reduce((n, batch) => n + batch.length, 0)).toBe(250);
    expect(writes.every((batch) => batch.length <= 100)).toBe(true);
  });

  it("drops counts of new tokens (never grows) while writes are behind", async () => {
    const pending: (() => void)[] = [];
    const r = new UsageRecorder(() => new Promise<void>((resolve) => pending.push(resolve)), () => 3_600_000, 10);
    for (let i = 0; i < 100; i++) r.call(`t${i}`, null, T);
    expect(r.size).toBeLessThanOrEqual(10);
    expect(r.dropped).toBeGreaterThan(0);
    pending.forEach((resolve) => resolve());
  });
});

describe("lastUsedHint", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  it("says never used", () => {
    expect(lastUsedHint(null, now)).toEqual({ kind: "never", text: "Never used" });
  });
  it("is silent for recent use, up to the threshold", () => {
    expect(lastUsedHint("2026-11-30T11:00:00Z", now)).toBeNull();
    expect(lastUsedHint(new Date(now.getTime() - (STALE_AFTER_DAYS * 86_400_000 - 1)), now)).toBeNull();
  });
  it("counts whole days from the threshold on", () => {
    expect(STALE_AFTER_DAYS).toBe(30);
    expect(lastUsedHint(new Date(now.getTime() - 30 * 86_400_000), now)).toEqual({ kind: "stale", days: 30, text: "Not used for 30 days" });
    expect(lastUsedHint("2026-08-01T00:00:00Z", now)).toMatchObject({ kind: "stale", days: 121 });
  });
  it("ignores an unreadable date", () => {
    expect(lastUsedHint("not a date", now)).toBeNull();
  });
});
