import { describe, expect, it } from "vitest";
import { allowedIpsSchema } from "@/lib/schemas/token";
import { compileAllowlist, ipAllowed, normalizeAllowEntry } from "@/lib/tokens/ip-allowlist";
import { RefusalAuditLimiter, AUDIT_EVERY_MS, AUDIT_PER_TOKEN } from "@/lib/tokens/service/ip-refusal";

const allows = (entries: string[], ip: string | null) => ipAllowed(compileAllowlist(entries)!, ip);

describe("normalizeAllowEntry", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["10.1.2.3/8", "10.0.0.0/8"],
    ["10.0.0.1/32", "10.0.0.1"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["2001:DB8:0:0::1", "2001:db8::1"],
    ["2001:db8::1/128", "2001:db8::1"],
    ["2001:db8:ffff::/32", "2001:db8::/32"],
    ["::/0", "::/0"],
    ["::ffff:198.51.100.4", "198.51.100.4"],
    ["::ffff:198.51.100.0/120", "198.51.100.0/24"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeAllowEntry(input)).toBe(expected);
  });

  it.each(["", "junk", "1.2.3", "1.2.3.4.5", "256.1.1.1", "0x7f.0.0.1", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8/8", "2001:db8::/129", "fe80::1%eth0", "[::1]", "1.2.3.4:80", "::ffff:1.2.3.0/95", "a".repeat(100)])(
    "refuses %j",
    (input) => {
      expect(normalizeAllowEntry(input)).toBeNull();
    },
  );
});

describe("ipAllowed", () => {
  it("matches IPv4 addresses and ranges, /32 and /0", () => {
    expect(allows(["203.0.113.7"], "203.0.113.7")).toBe(true);
    expect(allows(["203.0.113.7"], "203.0.113.8")).toBe(false);
    expect(allows(["10.0.0.0/8"], "10.255.255.255")).toBe(true);
    expect(allows(["10.0.0.0/8"], "11.0.0.0")).toBe(false);
    expect(allows(["192.168.1.128/25"], "192.168.1.127")).toBe(false);
    expect(allows(["192.168.1.128/25"], "192.168.1.200")).toBe(true);
    expect(allows(["0.0.0.0/0"], "255.255.255.255")).toBe(true);
    expect(allows(["0.0.0.0/0"], "2001:db8::1")).toBe(false); // IPv4's /0 is not IPv6
    expect(allows(["255.255.255.255/32"], "255.255.255.255")).toBe(true);
  });

  it("matches IPv6 addresses and ranges, /128 and /0", () => {
    expect(allows(["2001:db8::1"], "2001:db8::1")).toBe(true);
    expect(allows(["2001:db8::1/128"], "2001:db8::2")).toBe(false);
    expect(allows(["2001:db8::/32"], "2001:db8:ffff::9")).toBe(true);
    expect(allows(["2001:db8::/32"], "2001:db9::1")).toBe(false);
    expect(allows(["::/0"], "::1")).toBe(true);
    expect(allows(["::/0"], "203.0.113.7")).toBe(false);
  });

  it("matches an IPv4-mapped IPv6 client against IPv4 entries", () => {
    expect(allows(["203.0.113.0/24"], "::ffff:203.0.113.9")).toBe(true);
    expect(allows(["203.0.113.7"], "::ffff:203.0.113.8")).toBe(false);
    expect(allows(["::ffff:203.0.113.7"], "203.0.113.7")).toBe(true);
  });

  it("refuses a missing or unreadable client address", () => {
    expect(allows(["0.0.0.0/0", "::/0"], null)).toBe(false);
    expect(allows(["0.0.0.0/0", "::/0"], "junk")).toBe(false);
    expect(allows(["0.0.0.0/0"], "1.2.3")).toBe(false);
  });

  it("answers right for one compiled list checked against changing addresses (its memo of the last one)", () => {
    const list = compileAllowlist(["10.0.0.0/8", "2001:db8::/32"])!;
    const answers = ["10.0.0.1", "10.0.0.1", "11.0.0.1", "11.0.0.1", "2001:db8::1", "2001:db9::1", "::ffff:10.9.9.9", "10.0.0.1"].map((ip) => ipAllowed(list, ip));
    expect(answers).toEqual([true, true, false, false, true, false, true, true]);
  });

  it("compiles stored lists once: null and [] allow any address, unreadable storage none", () => {
    expect(compileAllowlist(null)).toBeNull();
    expect(compileAllowlist("[]")).toBeNull();
    expect(compileAllowlist('["10.0.0.0/8","junk"]')!.entries).toEqual(["10.0.0.0/8"]);
    const broken = compileAllowlist("{not json");
    expect(broken).not.toBeNull();
    expect(ipAllowed(broken!, "10.0.0.1")).toBe(false);
    expect(ipAllowed(compileAllowlist('["junk"]')!, "10.0.0.1")).toBe(false);
  });
});

describe("allowedIpsSchema", () => {
  it("normalises, removes duplicates, and treats [] as any address", () => {
    expect(allowedIpsSchema.parse(["10.1.2.3/8", "10.0.0.0/8", "2001:DB8::1"])).toEqual(["10.0.0.0/8", "2001:db8::1"]);
    expect(allowedIpsSchema.parse([])).toBeNull();
    expect(allowedIpsSchema.parse(null)).toBeNull();
  });

  it("takes 100 entries, refuses 101, and names a junk entry", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `10.0.${i}.0/24`);
    expect(allowedIpsSchema.parse(hundred)).toHaveLength(100);
    expect(allowedIpsSchema.safeParse([...hundred, "10.1.0.0/24"]).success).toBe(false);
    const junk = allowedIpsSchema.safeParse(["10.0.0.1", "nope/8"]);
    expect(junk.success).toBe(false);
    expect(junk.error!.issues[0]).toMatchObject({ path: [1], message: expect.stringContaining('"nope/8" is not an IP address or CIDR range') });
    expect(allowedIpsSchema.safeParse("10.0.0.1").success).toBe(false);
    expect(allowedIpsSchema.safeParse([42]).success).toBe(false);
  });
});

describe("audit rate limit of IP refusals", () => {
  it("audits one refusal per token and address per minute, and at most AUDIT_PER_TOKEN per token", () => {
    const limiter = new RefusalAuditLimiter();
    expect(limiter.shouldAudit("t", "198.51.100.1", 0)).toBe(true);
    expect(limiter.shouldAudit("t", "198.51.100.1", 1000)).toBe(false);
    expect(limiter.shouldAudit("t", "198.51.100.1", AUDIT_EVERY_MS)).toBe(true);
    const flood = Array.from({ length: 50 }, (_, i) => limiter.shouldAudit("u", `198.51.100.${i}`, 10));
    expect(flood.filter(Boolean)).toHaveLength(AUDIT_PER_TOKEN);
    expect(limiter.shouldAudit("u", "198.51.100.200", 10 + AUDIT_EVERY_MS)).toBe(true);
  });

  it("remembers a bounded number of tokens and addresses", () => {
    const limiter = new RefusalAuditLimiter(100);
    for (let i = 0; i < 1000; i++) limiter.shouldAudit(`t${i}`, `10.0.${i >> 8}.${i & 255}`, 0);
    expect(limiter.size.pairs).toBeLessThanOrEqual(100);
    expect(limiter.size.tokens).toBeLessThanOrEqual(100);
  });
});
