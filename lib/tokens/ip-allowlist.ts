// Per-token IP allowlists: addresses and CIDR ranges, IPv4 and IPv6. Entries are checked and
// normalised once when a token is written (normalizeAllowEntry, used by the zod schema), and
// compiled once per cache fill (compileAllowlist, from principal.ts), so the hot path costs
// a null check for tokens without a list, and for tokens with one an integer compare per IPv4
// range (or ipaddr.js's match for IPv6), never a parse of the list.
import ipaddr from "ipaddr.js";

export const MAX_ALLOWED_IPS = 100;

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** "1.2.3.4", "::1", "[::1]" style brackets are not accepted; "fe80::1%eth0" (zone) neither. */
function parseAddress(text: string): Address | null {
  // Four-part decimal only: "1.2.3", "0x7f.1" or "010.0.0.1" are not written by people on purpose.
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return null;
  if (text.includes("%")) return null;
  try {
    // process(): an IPv4-mapped IPv6 address (::ffff:1.2.3.4) becomes the IPv4 address.
    return ipaddr.process(text);
  } catch {
    return null;
  }
}

/**
 * One entry in its canonical form, or null when it is not an address or CIDR range:
 * - an address: "10.0.0.1", "2001:db8::1" (IPv6 lowercased and compressed, RFC 5952);
 * - a range: its network address and prefix, "10.1.2.3/8" -> "10.0.0.0/8"; a full-length
 *   prefix is the address alone ("10.0.0.1/32" -> "10.0.0.1");
 * - IPv4-mapped IPv6 ("::ffff:10.0.0.1", "::ffff:10.0.0.0/104") becomes IPv4.
 */
export function normalizeAllowEntry(entry: string): string | null {
  const text = entry.trim();
  if (text.length === 0 || text.length > 64) return null;
  const slash = text.indexOf("/");
  const address = parseAddress(slash === -1 ? text : text.slice(0, slash));
  if (!address) return null;
  if (slash === -1) return address.toString();
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  let prefix = Number(prefixText);
  let base = address;
  // A mapped IPv6 range: its last 32 bits are the IPv4 range.
  const wasMapped = address.kind() === "ipv4" && text.slice(0, slash).includes(":");
  if (wasMapped) {
    if (prefix < 96 || prefix > 128) return null;
    prefix -= 96;
  }
  const bits = base.kind() === "ipv4" ? 32 : 128;
  if (prefix > bits) return null;
  if (prefix === bits) return base.toString();
  base = base.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(`${base.toString()}/${prefix}`) : ipaddr.IPv6.networkAddressFromCIDR(`${base.toString()}/${prefix}`);
  return `${base.toString()}/${prefix}`;
}

/** A compiled allowlist: IPv4 ranges as (network, mask) integers, IPv6 ranges as parsed pairs. */
export type IpAllowlist = {
  readonly entries: readonly string[];
  readonly v4: readonly (readonly [network: number, mask: number])[];
  readonly v6: readonly [ipaddr.IPv6, number][];
};

const v4Mask = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** "1.2.3.4" as an unsigned 32-bit integer, or -1 when it is not a four-part decimal address. */
function v4ToInt(text: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

/**
 * Compiles stored entries (Token.allowedIps, a JSON array of normalised entries) once. Null:
 * any address. A stored entry that no longer parses is skipped (it can only narrow the list);
 * a list whose every entry was unreadable allows nothing rather than everything.
 */
export function compileAllowlist(stored: string | readonly string[] | null | undefined): IpAllowlist | null {
  if (stored === null || stored === undefined) return null;
  let entries: unknown = stored;
  if (typeof stored === "string") {
    try {
      entries = JSON.parse(stored);
    } catch {
      entries = null;
    }
  }
  // Unreadable storage fails closed: it allows nothing.
  if (!Array.isArray(entries)) return { entries: [], v4: [], v6: [] };
  if (entries.length === 0) return null;
  const v4: [number, number][] = [];
  const v6: [ipaddr.IPv6, number][] = [];
  const kept: string[] = [];
  for (const raw of entries) {
    const entry = typeof raw === "string" ? normalizeAllowEntry(raw) : null;
    if (!entry) continue;
    kept.push(entry);
    const [addressText, prefixText] = entry.split("/");
    const address = ipaddr.parse(addressText);
    if (address.kind() === "ipv4") {
      const prefix = prefixText === undefined ? 32 : Number(prefixText);
      const mask = v4Mask(prefix);
      v4.push([(v4ToInt(addressText) & mask) >>> 0, mask]);
    } else {
      v6.push([address as ipaddr.IPv6, prefixText === undefined ? 128 : Number(prefixText)]);
    }
  }
  return { entries: kept, v4, v6 };
}

/** Is the client address in the list? No address (unknown client) is never in it. */
export function ipAllowed(list: IpAllowlist, ip: string | null): boolean {
  if (!ip) return false;
  let v4 = v4ToInt(ip);
  let v6: ipaddr.IPv6 | null = null;
  if (v4 === -1) {
    const address = parseAddress(ip);
    if (!address) return false;
    if (address.kind() === "ipv4") v4 = v4ToInt(address.toString()); // ::ffff:1.2.3.4
    else v6 = address as ipaddr.IPv6;
  }
  if (v6) return list.v6.some((range) => v6.match(range));
  for (const [network, mask] of list.v4) if (((v4 & mask) >>> 0) === network) return true;
  return false;
}
