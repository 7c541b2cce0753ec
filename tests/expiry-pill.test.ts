import { describe, expect, it } from "vitest";
import { exactRemaining, expiryPill } from "@/lib/tokens/expiry-pill";

const now = new Date("2026-03-10T12:00:00Z");
const inMs = (ms: number) => new Date(now.getTime() + ms);
const H = 3_600_000;
const D = 24 * H;

describe("expiryPill", () => {
  it.each([
    ["no expiry", null, "Never", "neutral"],
    ["30 days", inMs(30 * D), "30 days", "success"],
    ["exactly 5 days", inMs(5 * D), "5 days", "success"],
    ["just under 5 days", inMs(5 * D - 1), "4 days", "warning"],
    ["1 day and a bit", inMs(D + H), "1 day", "warning"],
    ["exactly 24 hours", inMs(D), "1 day", "warning"],
    ["23 hours", inMs(23 * H), "Less than 24 hours", "warning"],
    ["one second", inMs(1000), "Less than 24 hours", "warning"],
    ["now", inMs(0), "Expired", "danger"],
    ["yesterday", inMs(-D), "Expired", "danger"],
  ])("%s", (_label, expiresAt, label, tone) => {
    expect(expiryPill(expiresAt, now)).toMatchObject({ label, tone });
  });
});

describe("exactRemaining", () => {
  it("gives days, hours and minutes", () => {
    expect(exactRemaining(inMs(12 * D + 3 * H + 4 * 60_000 + 59_000), now)).toBe("12 days 3 hours 4 minutes");
    expect(exactRemaining(inMs(2 * H), now)).toBe("2 hours");
    expect(exactRemaining(inMs(30_000), now)).toBe("Less than a minute");
    expect(exactRemaining(inMs(-1), now)).toBe("Expired");
    expect(exactRemaining(null, now)).toBe("Never expires");
  });

  it("does not depend on the time zone (a DST change inside the interval counts as real time)", () => {
    // 2026-03-29 is the EU switch to summer time; the answer is elapsed time all the same.
    const before = new Date("2026-03-28T12:00:00Z");
    expect(exactRemaining(new Date("2026-03-30T12:00:00Z"), before)).toBe("2 days");
  });
});
