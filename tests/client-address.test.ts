// The client address: TCP peer when TRUST_PROXY is off, the right-most untrusted
// X-Forwarded-For entry when on; a client can never choose it by sending headers.
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, normalizeAddress, parseTrustProxy } from "@/lib/client-address";
import { clientAddress } from "@/server/client-address";
import { clientIp } from "@/lib/http";
import { loadEnv } from "@/lib/env";

const off = parseTrustProxy(undefined);

describe("parseTrustProxy", () => {
  it("is off when unset, empty, 0 or false", () => {
    for (const value of [undefined, "", " ", "0", "false"]) expect(parseTrustProxy(value)).toEqual({ kind: "off" });
  });

  it("reads a hop count and a list of addresses and CIDRs", () => {
    expect(parseTrustProxy("2")).toEqual({ kind: "hops", hops: 2 });
    const list = parseTrustProxy("10.0.0.0/8, 127.0.0.1, fd00::/8");
    expect(list.kind).toBe("cidrs");
    expect(list.kind === "cidrs" && list.ranges.map(([a, bits]) => `${a.toString()}/${bits}`)).toEqual([
      "10.0.0.0/8",
      "127.0.0.1/32",
      "fd00::/8",
    ]);
  });

  it("refuses anything else with a message naming the setting", () => {
    for (const value of ["true", "yes", "10.0.0.0/33", "10.0.0.0/8,nginx", "-1", "99"]) {
      expect(() => parseTrustProxy(value)).toThrow(/^TRUST_PROXY/);
    }
    expect(() => loadEnv({ TRUST_PROXY: "everyone" } as unknown as NodeJS.ProcessEnv)).toThrow(/TRUST_PROXY/);
  });
});

describe("normalizeAddress", () => {
  it("accepts IPv4 and IPv6, maps ::ffff: addresses to IPv4, drops ports and brackets", () => {
    expect(normalizeAddress("192.0.2.1")?.toString()).toBe("192.0.2.1");
    expect(normalizeAddress("::ffff:192.0.2.1")?.toString()).toBe("192.0.2.1");
    expect(normalizeAddress("2001:DB8:0:0::1")?.toString()).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.1:5555")?.toString()).toBe("192.0.2.1");
    expect(normalizeAddress("[2001:db8::1]:443")?.toString()).toBe("2001:db8::1");
  });

  it("refuses what is not an address", () => {
    for (const value of ["", "unknown", "evil.example.com", "1.2.3", "<script>", "1.2.3.4.5", undefined, null]) {
      expect(normalizeAddress(value)).toBeNull();
    }
  });
});

describe("clientAddress", () => {
  it("off: the TCP peer, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.5", "198.51.100.1", off)).toBe("203.0.113.5");
    expect(clientAddress("::ffff:203.0.113.5", ["1.1.1.1", "2.2.2.2"], off)).toBe("203.0.113.5");
    expect(clientAddress("2001:db8::7", "1.1.1.1", off)).toBe("2001:db8::7");
    expect(clientAddress(undefined, "1.1.1.1", off)).toBeNull();
  });

  it("hop count: skips exactly that many proxies from the right", () => {
    const one = parseTrustProxy("1");
    // nginx (the peer) appended the real client; the left entry was forged by that client.
    expect(clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.1", one)).toBe("198.51.100.1");
    expect(clientAddress("127.0.0.1", "198.51.100.1", one)).toBe("198.51.100.1");
    expect(clientAddress("127.0.0.1", undefined, one)).toBe("127.0.0.1");
    const two = parseTrustProxy("2");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1", two)).toBe("198.51.100.1");
    // Fewer entries than hops: the left-most one the proxies reported.
    expect(clientAddress("10.0.0.2", "198.51.100.1", two)).toBe("198.51.100.1");
    // Several X-Forwarded-For headers count as one list.
    expect(clientAddress("10.0.0.2", ["6.6.6.6", "198.51.100.1, 10.0.0.1"], two)).toBe("198.51.100.1");
  });

  it("CIDR list: the right-most entry that is not a trusted proxy", () => {
    const trust = parseTrustProxy("10.0.0.0/8, ::1, 127.0.0.1");
    expect(clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.1, 10.9.9.9", trust)).toBe("198.51.100.1");
    expect(clientAddress("::ffff:127.0.0.1", "2001:db8::5", trust)).toBe("2001:db8::5");
    expect(clientAddress("::1", "::ffff:198.51.100.2", trust)).toBe("198.51.100.2");
    // An untrusted peer is the client even when it sends X-Forwarded-For.
    expect(clientAddress("198.51.100.9", "10.0.0.1, 1.2.3.4", trust)).toBe("198.51.100.9");
    // Everyone in the chain trusted: the left-most address.
    expect(clientAddress("10.0.0.1", "10.0.0.2", trust)).toBe("10.0.0.2");
  });

  it("reads every form of address as normalizeAddress does, the usual ones without parsing", () => {
    const forms = [
      "203.0.113.5", "0.0.0.0", "255.255.255.255", "::ffff:203.0.113.5", "::FFFF:203.0.113.5", "::ffff:cb00:7105",
      "01.2.3.4", "1.2.3.04", "::ffff:1.2.3.04", "256.1.1.1", "::ffff:256.1.1.1", "1.2.3", " 1.2.3.4 ", "1.2.3.4:8080",
      "[::ffff:1.2.3.4]:80", "2001:db8::7", "fe80::1%eth0", "::1", "", "not-an-ip",
    ];
    const one = parseTrustProxy("1");
    for (const form of forms) {
      const parsed = normalizeAddress(form)?.toString() ?? null;
      expect(clientAddress(form, undefined, off), form).toBe(parsed);
      expect(clientAddress("127.0.0.1", form, one), form).toBe(form.trim() === "" ? "127.0.0.1" : (parsed ?? "127.0.0.1"));
    }
  });

  it("garbage in X-Forwarded-For stops at the proxy that passed it on", () => {
    expect(clientAddress("127.0.0.1", "198.51.100.1, not-an-ip", parseTrustProxy("2"))).toBe("127.0.0.1");
    expect(clientAddress("10.0.0.1", "1.1.1.1, <script>", parseTrustProxy("10.0.0.0/8"))).toBe("10.0.0.1");
  });
});

describe("clientIp", () => {
  it("reads only the server's header, never X-Forwarded-For or X-Real-IP", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" }))).toBeNull();
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "2001:db8::1", "x-forwarded-for": "6.6.6.6" }))).toBe("2001:db8::1");
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "not an address" }))).toBeNull();
  });
});
