import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readCredential } from "@/lib/tokens/credentials";
import { TokenCache, type CachedPrincipal } from "@/lib/tokens/cache";
import { base62, checksum, hashSecret, isWellFormedSecret, mintSecret } from "@/lib/tokens/format";

describe("mintSecret", () => {
  it("makes <prefix><32 base62><6 base62 CRC32>, its SHA-256 and a display prefix", () => {
    const { secret, hash, displayPrefix } = mintSecret("pat_");
    expect(secret).toMatch(/^pat_[0-9A-Za-z]{38}$/);
    expect(secret.slice(-6)).toBe(checksum(secret.slice(0, -6)));
    expect(hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(displayPrefix).toBe(secret.slice(0, 12));
    expect(isWellFormedSecret(secret)).toBe(true);
  });

  it("never repeats and uses the whole alphabet", () => {
    const secrets = Array.from({ length: 2000 }, () => mintSecret("pat_").secret);
    expect(new Set(secrets).size).toBe(secrets.length);
    const chars = new Set(secrets.join("").slice(0));
    expect(chars.size).toBeGreaterThanOrEqual(62);
  });

  it("honours another prefix", () => {
    expect(mintSecret("acme_").secret).toMatch(/^acme_[0-9A-Za-z]{38}$/);
  });
});

describe("isWellFormedSecret", () => {
  const good = mintSecret("pat_").secret;
  it.each([
    ["a changed character", good.slice(0, 8) + (good[8] === "x" ? "y" : "x") + good.slice(9)],
    ["a missing character", good.slice(0, -1)],
    ["an extra character", good + "a"],
    ["no prefix", good.slice(4)],
    ["an uppercase prefix", "PAT_" + good.slice(4)],
    ["a non-base62 character", good.slice(0, 10) + "-" + good.slice(11)],
    ["an empty string", ""],
    ["a huge string", "pat_" + "a".repeat(100_000)],
  ])("refuses %s", (_label, candidate) => {
    expect(isWellFormedSecret(candidate)).toBe(false);
  });

  it("accepts secrets minted under another prefix (changing TOKEN_PREFIX keeps old tokens)", () => {
    expect(isWellFormedSecret(mintSecret("old_").secret)).toBe(true);
  });
});

describe("base62", () => {
  it("pads and encodes", () => {
    expect(base62(0, 6)).toBe("000000");
    expect(base62(61, 6)).toBe("00000z");
    expect(base62(62, 6)).toBe("000010");
    expect(base62(0xffffffff, 6)).toBe("4gfFC3");
  });
  it("hashSecret is hex SHA-256", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("readCredential", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it("reads the three forms", () => {
    expect(readCredential(h({ authorization: "Bearer abc" }))).toEqual({ kind: "pat", secret: "abc" });
    expect(readCredential(h({ authorization: `Basic ${btoa(":abc")}` }))).toEqual({ kind: "pat", secret: "abc" });
    expect(readCredential(h({ "x-personal-token": " abc " }))).toEqual({ kind: "pat", secret: "abc" });
    expect(readCredential(h({}))).toEqual({ kind: "none" });
  });
  it("refuses what is not one of them", () => {
    expect(readCredential(h({ authorization: `Basic ${btoa("no-colon")}` })).kind).toBe("malformed");
    // RFC 6749 2.3.1: a user part is the token's id (withAuth checks it against the token).
    expect(readCredential(h({ authorization: `Basic ${btoa("tok1:abc")}` }))).toEqual({ kind: "pat", secret: "abc", clientId: "tok1" });
    expect(readCredential(h({ authorization: "Token abc" })).kind).toBe("malformed");
    expect(readCredential(h({ authorization: "Bearer a b" })).kind).toBe("malformed");
    expect(readCredential(h({ authorization: "Bearer a", "x-personal-token": "b" })).kind).toBe("malformed");
  });
});

describe("TokenCache", () => {
  const principal = (tokenId: string, userId: string): CachedPrincipal => ({
    tokenId,
    userId,
    expiresAt: null,
    revoked: false,
    allPermissions: true,
    scopes: [],
    allowlist: null,
    user: { id: userId, email: "a@b.c", name: "A", kind: "internal", roles: ["user"], disabled: false },
  });

  it("forgets entries after the TTL", () => {
    const cache = new TokenCache(() => 5000);
    cache.set("h", principal("t", "u"), 1000);
    expect(cache.get("h", 5999)?.tokenId).toBe("t");
    expect(cache.get("h", 6000)).toBeUndefined();
  });

  it("drops a token's or a user's entries on demand", () => {
    const cache = new TokenCache(() => 5000);
    cache.set("h1", principal("t1", "u1"), 0);
    cache.set("h2", principal("t2", "u1"), 0);
    cache.set("h3", principal("t3", "u2"), 0);
    cache.invalidateToken("t1");
    expect(cache.get("h1", 1)).toBeUndefined();
    expect(cache.get("h2", 1)).toBeDefined();
    cache.invalidateUser("u1");
    expect(cache.get("h2", 1)).toBeUndefined();
    expect(cache.get("h3", 1)).toBeDefined();
  });

  it("keeps nothing when the TTL is 0", () => {
    const cache = new TokenCache(() => 0);
    cache.set("h", principal("t", "u"), 0);
    expect(cache.size).toBe(0);
  });
});
