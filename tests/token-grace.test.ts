import { describe, expect, it } from "vitest";
import { graceLabel, graceSecondsFor, graceUntil, inGrace, MAX_GRACE_SECONDS } from "@/lib/tokens/grace";

describe("grace period", () => {
  it("the call's choice wins, then the token's, else none", () => {
    expect(graceSecondsFor(undefined, undefined)).toBe(0);
    expect(graceSecondsFor(undefined, null)).toBe(0);
    expect(graceSecondsFor(undefined, 600)).toBe(600);
    expect(graceSecondsFor(60, 600)).toBe(60);
    expect(graceSecondsFor(0, 600), "an explicit 0 means none, not the token's").toBe(0);
    expect(graceSecondsFor(null, 600)).toBe(600);
  });

  it("never more than 24 hours, never negative or fractional", () => {
    expect(MAX_GRACE_SECONDS).toBe(86_400);
    expect(graceSecondsFor(100_000, null)).toBe(86_400);
    expect(graceSecondsFor(undefined, 1e9)).toBe(86_400);
    expect(graceSecondsFor(-5, 600)).toBe(0);
    expect(graceSecondsFor(1.5, null)).toBe(0);
  });

  it("a replaced secret works until graceUntil, excluded", () => {
    const replacedAt = new Date("2026-11-30T10:00:00Z");
    const until = graceUntil(replacedAt, 600);
    expect(until.toISOString()).toBe("2026-11-30T10:10:00.000Z");
    expect(inGrace(until, new Date("2026-11-30T10:09:59.999Z"))).toBe(true);
    expect(inGrace(until, until)).toBe(false);
    expect(inGrace(graceUntil(replacedAt, 0), replacedAt), "no grace: refused at once").toBe(false);
  });

  it("reads as words", () => {
    expect([0, null, 300, 3600, 5400, 86_400, 61].map(graceLabel)).toEqual(["None", "None", "5 minutes", "1 hour", "1 hour 30 minutes", "24 hours", "1 minute 1 second"]);
  });
});
