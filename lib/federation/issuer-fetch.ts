// Reads an issuer's discovery document and keys without letting a policy's URL reach inside the
// network (SSRF): https only (plain http only to loopback, and only when
// FEDERATION_LOOPBACK_ISSUERS=true, for development); every address the name resolves to is
// checked when connecting (so a DNS answer can't be swapped between the check and the
// connection), private, link-local, CGNAT, multicast and reserved ranges are refused, loopback
// too unless allowed; no redirects; a short timeout; at most MAX_BYTES read.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

export const MAX_BYTES = 64 * 1024;
export const TIMEOUT_MS = 3000;

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24],
  ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [["::", 128], ["64:ff9b::", 96], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) blocked.addSubnet(net, prefix, "ipv6");
const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** Why this address may not be reached, or null. An IPv4-mapped IPv6 address is judged as IPv4. */
export function refusedAddress(address: string, allowLoopback: boolean): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
  if (loopback.check(ip, family)) return allowLoopback ? null : `${address} is a loopback address`;
  if (blocked.check(ip, family)) return `${address} is a private or reserved address`;
  return null;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why an issuer (or its keys') URL is not one we fetch, or null. */
export function refusedUrl(value: string, allowLoopback: boolean): string | null {
  if (!URL.canParse(value)) return "not a URL";
  const url = new URL(value);
  if (url.username || url.password) return "credentials in the URL";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && allowLoopback && LOOPBACK_NAMES.has(url.hostname)) return null;
  return allowLoopback ? "must be https (plain http only on loopback)" : "must be https";
}

export class FetchRefused extends Error {}

function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const bad = addresses.map((a) => refusedAddress(a.address, allowLoopback)).find(Boolean);
      if (bad) return callback(new FetchRefused(`${hostname}: ${bad}`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** GET a JSON document under the guards above; the parsed body, or a FetchRefused saying why not. */
export function fetchJson(value: string, allowLoopback: boolean): Promise<unknown> {
  const why = refusedUrl(value, allowLoopback);
  if (why) return Promise.reject(new FetchRefused(`${value}: ${why}`));
  const url = new URL(value);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // A literal address never goes through the lookup: judge it here.
  const literal = isIP(host) ? refusedAddress(host, allowLoopback) : null;
  if (literal) return Promise.reject(new FetchRefused(`${value}: ${literal}`));
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { lookup: guardedLookup(allowLoopback), timeout: TIMEOUT_MS, headers: { accept: "application/json" } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new FetchRefused(`${value} answered ${res.statusCode}${res.statusCode && res.statusCode >= 300 && res.statusCode < 400 ? " (redirects are not followed)" : ""}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BYTES) {
          req.destroy(new FetchRefused(`${value}: larger than ${MAX_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch {
          reject(new FetchRefused(`${value}: not JSON`));
        }
      });
      res.on("error", reject);
    });
    // The whole exchange, not just each idle gap, is bounded.
    const timer = setTimeout(() => req.destroy(new FetchRefused(`${value}: no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    req.on("close", () => clearTimeout(timer));
    req.on("timeout", () => req.destroy(new FetchRefused(`${value}: no answer within ${TIMEOUT_MS} ms`)));
    req.on("error", (error) => reject(error instanceof FetchRefused ? error : new FetchRefused(`${value}: ${error.message}`)));
  });
}
