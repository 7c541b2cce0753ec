// The client's address, computed once per request by the server from the TCP peer and
// TRUST_PROXY (lib/client-address.ts parses it), and handed to the app in one internal header
// (CLIENT_IP_HEADER) that overwrites whatever a client sent.
// Per request, the usual forms (a canonical IPv4 address, or one mapped into IPv6 as a
// dual-stack socket reports an IPv4 peer) are read by one regular expression; only the others
// are parsed (ipaddr.js validates by throwing, which costs more than the rest of this file).
import type ipaddr from "ipaddr.js";
import { isCanonicalIpv4, normalizeAddress, type AddressRange, type TrustProxy } from "@/lib/client-address";

const MAPPED = "::ffff:";

/** An address as normalizeAddress writes it, or null when it is not an address. */
function addressText(value: string | undefined | null): string | null {
  if (typeof value === "string") {
    if (isCanonicalIpv4(value)) return value;
    if (value.startsWith(MAPPED) && isCanonicalIpv4(value.slice(MAPPED.length))) return value.slice(MAPPED.length);
  }
  return normalizeAddress(value)?.toString() ?? null;
}

/** `text`: a normalised address. */
function trusted(text: string, ranges: AddressRange[]): boolean {
  const address = normalizeAddress(text) as ipaddr.IPv4 | ipaddr.IPv6;
  return ranges.some((range) => address.kind() === range[0].kind() && (address as ipaddr.IPv4).match(range as [ipaddr.IPv4, number]));
}

/**
 * The client address for one request. Off: the TCP peer, whatever the headers say. On: walk
 * the chain [X-Forwarded-For entries..., peer] from the right, past the trusted proxies (a hop
 * count, or the addresses in the CIDR list); the first untrusted entry is the client. An entry
 * that is not an address stops the walk at the proxy that sent it: garbage never picks an address.
 * `peer`: req.socket.remoteAddress; `forwardedFor`: the X-Forwarded-For header(s).
 */
export function clientAddress(peer: string | undefined | null, forwardedFor: string | string[] | undefined | null, trust: TrustProxy): string | null {
  const peerAddress = addressText(peer);
  if (!peerAddress) return null;
  if (trust.kind === "off") return peerAddress;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  if (!header) return peerAddress;
  const entries = header.split(",").map((e) => e.trim()).filter(Boolean);
  let client = peerAddress;
  for (let hop = 0; entries.length > 0; hop++) {
    const isProxy = trust.kind === "hops" ? hop < trust.hops : trusted(client, trust.ranges);
    if (!isProxy) break;
    const next = addressText(entries.pop());
    if (!next) break;
    client = next;
  }
  return client;
}
