// One IP allowlist entry checked and normalised, for the zod schema (lib/schemas/token.ts), the
// allowlist card in the browser and lib/tokens/ip-allowlist.ts, which compiles stored lists.
import ipaddr from "ipaddr.js";

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
