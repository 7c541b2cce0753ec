// The client's address, computed once per request by the server from the TCP peer and
// TRUST_PROXY (lib/client-address.mjs parses it), and handed to the app in one internal header
// (CLIENT_IP_HEADER) that overwrites whatever a client sent.
import { normalizeAddress } from "../lib/client-address.mjs";

/**
 * @param {ipaddr.IPv4 | ipaddr.IPv6} address
 * @param {[ipaddr.IPv4 | ipaddr.IPv6, number][]} ranges
 */
function trusted(address, ranges) {
  return ranges.some((range) => address.kind() === range[0].kind() && address.match(range));
}

/**
 * The client address for one request. Off: the TCP peer, whatever the headers say. On: walk
 * the chain [X-Forwarded-For entries..., peer] from the right, past the trusted proxies (a hop
 * count, or the addresses in the CIDR list); the first untrusted entry is the client. An entry
 * that is not an address stops the walk at the proxy that sent it: garbage never picks an address.
 * @param {string | undefined | null} peer req.socket.remoteAddress
 * @param {string | string[] | undefined | null} forwardedFor the X-Forwarded-For header(s)
 * @param {TrustProxy} trust
 * @returns {string | null}
 */
export function clientAddress(peer, forwardedFor, trust) {
  const peerAddress = normalizeAddress(peer);
  if (!peerAddress) return null;
  if (trust.kind === "off") return peerAddress.toString();
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const entries = header.split(",").map((e) => e.trim()).filter(Boolean);
  let client = peerAddress;
  for (let hop = 0; entries.length > 0; hop++) {
    const isProxy = trust.kind === "hops" ? hop < trust.hops : trusted(client, trust.ranges);
    if (!isProxy) break;
    const next = normalizeAddress(entries.pop());
    if (!next) break;
    client = next;
  }
  return client.toString();
}
