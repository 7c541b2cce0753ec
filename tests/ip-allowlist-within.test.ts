// Containment of one allowlist in another (lib/tokens/ip-allowlist-within.ts): the rule
// that keeps a token with an allowlist from handing out a secret usable from elsewhere.
import { describe, expect, it } from "vitest";
import { allowlistWithin } from "@/lib/tokens/ip-allowlist-within";

describe("allowlistWithin", () => {
  it("a range or address lies inside a range that holds all of it", () => {
    expect(allowlistWithin(["10.1.0.0/16"], ["10.0.0.0/8"])).toBe(true);
    expect(allowlistWithin(["10.255.255.255"], ["10.0.0.0/8"])).toBe(true);
    expect(allowlistWithin(["10.0.0.0/8"], ["10.0.0.0/8"])).toBe(true);
    expect(allowlistWithin(["192.0.2.7", "10.3.0.0/24"], ["192.0.2.0/24", "10.0.0.0/8"])).toBe(true);
    expect(allowlistWithin(["2001:db8:1::/48", "2001:db8::5"], ["2001:db8::/32"])).toBe(true);
    expect(allowlistWithin(["1.2.3.4"], ["0.0.0.0/0"])).toBe(true);
  });

  it("a wider range, another network or another family is not inside", () => {
    expect(allowlistWithin(["10.0.0.0/7"], ["10.0.0.0/8"])).toBe(false);
    expect(allowlistWithin(["11.0.0.1"], ["10.0.0.0/8"])).toBe(false);
    expect(allowlistWithin(["10.0.0.0/8", "192.0.2.1"], ["10.0.0.0/8"])).toBe(false);
    expect(allowlistWithin(["2001:db8::/31"], ["2001:db8::/32"])).toBe(false);
    expect(allowlistWithin(["::/0"], ["0.0.0.0/0"])).toBe(false);
    expect(allowlistWithin(["10.0.0.1"], ["::/0"])).toBe(false);
    // Two halves don't make a whole: each inner range must lie inside one outer range.
    expect(allowlistWithin(["10.0.0.0/8"], ["10.0.0.0/9", "10.128.0.0/9"])).toBe(false);
  });

  it("null is every address: inside only null; every list is inside null", () => {
    expect(allowlistWithin(null, ["0.0.0.0/0", "::/0"])).toBe(false);
    expect(allowlistWithin(null, null)).toBe(true);
    expect(allowlistWithin(["10.0.0.1"], null)).toBe(true);
  });

  it("an IPv4-mapped IPv6 entry counts as IPv4; an unreadable entry fits nowhere and holds nothing", () => {
    expect(allowlistWithin(["::ffff:10.1.2.3"], ["10.0.0.0/8"])).toBe(true);
    expect(allowlistWithin(["10.1.2.3"], ["::ffff:10.0.0.0/104"])).toBe(true);
    expect(allowlistWithin(["not-an-ip"], ["0.0.0.0/0"])).toBe(false);
    expect(allowlistWithin(["10.1.2.3"], ["junk"])).toBe(false);
    expect(allowlistWithin(["10.1.2.3"], [])).toBe(false);
  });
});
