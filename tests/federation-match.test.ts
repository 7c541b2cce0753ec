import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { fetchJson, MAX_BYTES, refusedAddress, refusedUrl } from "@/lib/federation/issuer-fetch";
import { failedCondition, firstMatch, globToRegExp } from "@/lib/federation/match";

describe("federation claim conditions", () => {
  it("globs: * stays within a path segment, ** crosses them, ? is one character, the rest is literal", () => {
    const cases: [string, string, boolean][] = [
      ["refs/heads/*", "refs/heads/main", true],
      ["refs/heads/*", "refs/heads/feature/x", false],
      ["refs/heads/**", "refs/heads/feature/x", true],
      ["refs/tags/v?.*", "refs/tags/v1.2", true],
      ["refs/tags/v?.*", "refs/tags/v10.2", false],
      ["acme/app", "acme/app", true],
      ["acme/app", "acme/app2", false],
      ["a.b", "axb", false],
      ["(x)+", "(x)+", true],
    ];
    for (const [glob, value, ok] of cases) expect(globToRegExp(glob).test(value), `${glob} ~ ${value}`).toBe(ok);
  });

  it("compares claims as text; an object or a missing claim matches nothing", () => {
    const conditions = [{ claim: "ref_protected", match: "exact" as const, value: "true" }];
    expect(failedCondition({ ref_protected: true }, conditions)).toBeNull();
    expect(failedCondition({ ref_protected: "true" }, conditions)).toBeNull();
    expect(failedCondition({ ref_protected: { x: "true" } }, conditions)).toEqual(conditions[0]);
    expect(failedCondition({}, [{ claim: "ref", match: "glob", value: "**" }])).not.toBeNull();
  });

  it("takes the first policy whose audience and conditions hold, and says why none did", () => {
    const a = { id: "a", audience: "x", conditions: [{ claim: "repository", match: "exact" as const, value: "acme/app" }] };
    const b = { id: "b", audience: "y", conditions: [] };
    expect(firstMatch({ aud: ["z", "y"], repository: "acme/app" }, [a, b])).toEqual({ policy: b });
    expect(firstMatch({ aud: "x", repository: "acme/app" }, [a, b])).toEqual({ policy: a });
    expect(firstMatch({ aud: "x", repository: "evil/app" }, [a])).toEqual({ reason: "a: repository does not equal acme/app" });
    expect(firstMatch({ aud: "x" }, [])).toEqual({ reason: "no enabled policy trusts this issuer" });
  });
});

describe("federation issuer fetches (SSRF guards)", () => {
  it("refuses private, link-local, CGNAT, reserved and (unless allowed) loopback addresses", () => {
    for (const address of ["10.0.0.1", "172.16.5.5", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "fc00::1", "fe80::1", "::ffff:10.0.0.1", "::"]) {
      expect(refusedAddress(address, true), address).toMatch(/private or reserved/);
    }
    expect(refusedAddress("127.0.0.1", false)).toMatch(/loopback/);
    expect(refusedAddress("::1", false)).toMatch(/loopback/);
    expect(refusedAddress("::ffff:127.0.0.1", true)).toBeNull();
    expect(refusedAddress("140.82.112.3", false)).toBeNull();
    expect(refusedAddress("2606:50c0:8000::154", false)).toBeNull();
  });

  it("fetches https, and plain http only from loopback when allowed", async () => {
    expect(refusedUrl("https://token.actions.githubusercontent.com", false)).toBeNull();
    expect(refusedUrl("http://127.0.0.1:9000", false)).toMatch(/must be https/);
    expect(refusedUrl("http://127.0.0.1:9000", true)).toBeNull();
    expect(refusedUrl("http://ci.internal", true)).toMatch(/plain http only on loopback/);
    expect(refusedUrl("https://u:p@ci.example.com", false)).toMatch(/credentials/);
    await expect(fetchJson("https://169.254.169.254/latest", false)).rejects.toThrow(/private or reserved/);
    await expect(fetchJson("https://[fd00::1]/x", false)).rejects.toThrow(/private or reserved/);
    // A name that resolves to loopback is refused when connecting, not just by its spelling.
    await expect(fetchJson("https://localhost:1/x", false)).rejects.toThrow(/loopback/);
  });

  it("reads at most MAX_BYTES", async () => {
    const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(`"${"x".repeat(MAX_BYTES + 10)}"`));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await expect(fetchJson(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, true)).rejects.toThrow(/larger than/);
    } finally {
      server.close();
    }
  });
});
