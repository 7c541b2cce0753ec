import { describe, expect, it } from "vitest";
import { allowedChoices, decideExpiry, expiryFor } from "@/lib/policy/expiry";

const now = new Date("2026-01-31T10:00:00Z");

describe("expiryFor", () => {
  it("adds calendar days and years", () => {
    expect(expiryFor("7d", now)?.toISOString()).toBe("2026-02-07T10:00:00.000Z");
    expect(expiryFor("1y", now)?.toISOString()).toBe("2027-01-31T10:00:00.000Z");
    expect(expiryFor("never", now)).toBeNull();
  });
});

describe("allowedChoices", () => {
  it("offers only choices within the maximum", () => {
    expect(allowedChoices("never", now)).toEqual(["7d", "30d", "45d", "60d", "1y", "never"]);
    expect(allowedChoices("30d", now)).toEqual(["7d", "30d"]);
    expect(allowedChoices("7d", now)).toEqual(["7d"]);
    expect(allowedChoices("1y", now)).toEqual(["7d", "30d", "45d", "60d", "1y"]);
  });
});

describe("decideExpiry", () => {
  it("applies the maximum to presets and custom dates", () => {
    expect(decideExpiry({ expiresIn: "30d" }, "30d", now)).toEqual({ ok: true, expiresAt: expiryFor("30d", now) });
    expect(decideExpiry({ expiresIn: "never" }, "60d", now)).toMatchObject({ ok: false, code: "policy_violation", message: expect.stringMatching(/60 days/) });
    expect(decideExpiry({ expiresAt: new Date(now.getTime() - 1000) }, "60d", now)).toMatchObject({ ok: false, code: "invalid_request" });
    expect(decideExpiry({ expiresAt: new Date("2026-03-05T00:00:00Z") }, "30d", now)).toMatchObject({ ok: false });
    expect(decideExpiry({ expiresAt: new Date("2026-02-20T00:00:00Z") }, "30d", now)).toMatchObject({ ok: true });
    expect(decideExpiry({ expiresAt: new Date("2026-01-01T00:00:00Z") }, "never", now)).toMatchObject({ ok: false, message: expect.stringMatching(/future/) });
  });
});
