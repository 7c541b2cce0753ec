// The client address as the app and the settings know it: the one internal header the server
// (server/client-address.ts decides the address per request) writes, the TRUST_PROXY setting
// and the key a per-address limit counts by.
import ipaddr from "ipaddr.js";

/** The only header the app reads for the client address (lib/http.ts clientIp). */
export const CLIENT_IP_HEADER = "x-pat-client-ip";

export type AddressRange = [ipaddr.IPv4 | ipaddr.IPv6, number];
export type TrustProxy = { kind: "off" } | { kind: "hops"; hops: number } | { kind: "cidrs"; ranges: AddressRange[] };

/**
 * TRUST_PROXY: unset, "" or "0" = off (the TCP peer is the client); a number of proxy hops in
 * front of the console ("1" for one nginx); or a comma list of proxy addresses and CIDRs
 * ("10.0.0.0/8, 127.0.0.1"). Throws a message naming the setting on anything else.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0" || text.toLowerCase() === "false") return { kind: "off" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 20) throw new Error("TRUST_PROXY: a hop count is at most 20");
    return { kind: "hops", hops };
  }
  const ranges = text.split(",").map((part): AddressRange => {
    const entry = part.trim();
    const refused = new Error(`TRUST_PROXY: "${entry.slice(0, 60)}" is not an IP address or CIDR (use a hop count like 1, or a list like 10.0.0.0/8,127.0.0.1)`);
    if (entry.includes("/")) {
      if (!normalizeAddress(entry.slice(0, entry.indexOf("/")))) throw refused;
      try {
        return ipaddr.parseCIDR(entry);
      } catch {
        throw refused;
      }
    }
    const address = normalizeAddress(entry);
    if (!address) throw refused;
    return [address, address.kind() === "ipv4" ? 32 : 128];
  });
  return { kind: "cidrs", ranges };
}

/**
 * An address as it appears in a socket or an X-Forwarded-For entry, normalised (IPv4-mapped
 * IPv6 becomes IPv4, a port or brackets are dropped), or null when it is not an address.
 */
export function normalizeAddress(value: string | undefined | null): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let text = value?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.indexOf(":"));
  text = text.replace(/%[\w.-]+$/, ""); // IPv6 zone id
  // Four-part IPv4 only: "1.2.3" or "0x7f.1" are not addresses a proxy writes.
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return null;
  try {
    return ipaddr.process(text);
  } catch {
    return null;
  }
}

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const CANONICAL_IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** An IPv4 address written as normalizeAddress writes it (four decimal octets, no leading zeros). */
export const isCanonicalIpv4 = (text: string): boolean => CANONICAL_IPV4.test(text);

/**
 * The key a per-address limit counts a client by (lib/rate-limit.ts, every limit): an IPv4
 * address as it is, an IPv4-mapped IPv6 address as its IPv4 address, any other IPv6 address as
 * its network of `ipv6Prefix` bits ("2001:db8:1:2::/64"): one client is handed a whole /64, so
 * counting each of its addresses apart would give it 2^64 budgets. Not an address: as it is.
 * `ipv6Prefix`: 16 to 128.
 */
export function addressKey(ip: string, ipv6Prefix: number): string {
  if (CANONICAL_IPV4.test(ip)) return ip; // the usual case, without parsing
  let address;
  try {
    address = ipaddr.parse(ip.trim());
  } catch {
    return ip;
  }
  if (address.kind() === "ipv4") return address.toString();
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  // The 16-bit parts the prefix covers, the last one masked, in hex: "2001:db8:1:2::/64".
  const count = Math.ceil(ipv6Prefix / 16);
  const parts = v6.parts.slice(0, count).map((part, i) => {
    const kept = Math.min(16, ipv6Prefix - i * 16); // bits of this part in the prefix
    return (part & ((0xffff << (16 - kept)) & 0xffff)).toString(16);
  });
  return `${parts.join(":")}${count < 8 ? "::" : ""}/${ipv6Prefix}`;
}
