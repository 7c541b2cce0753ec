// Per-token IP allowlists: addresses and CIDR ranges, IPv4 and IPv6. Entries are checked and
// normalised once when a token is written (normalizeAllowEntry, used by the zod schema), and
// compiled once per cache fill (compileAllowlist, from sql/principal.ts), so the hot path costs
// a null check for tokens without a list, and for tokens with one an integer compare per IPv4
// range (or ipaddr.js's match for IPv6), never a parse of the list.
import ipaddr from "ipaddr.js";
import { normalizeAllowEntry } from "@/lib/schemas/ip-address";
import { MAX_ALLOWED_IPS } from "./limits";

export { MAX_ALLOWED_IPS, normalizeAllowEntry };

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** A compiled allowlist: IPv4 ranges as (network, mask) integers, IPv6 ranges as their eight
 * 16-bit words and prefix length (compared word by word: no strings, no allocation). */
export type IpAllowlist = {
  readonly entries: readonly string[];
  readonly v4: readonly (readonly [network: number, mask: number])[];
  readonly v6: readonly (readonly [words: readonly number[], prefix: number])[];
  /** The last address checked and its answer: a token is mostly used from one place. */
  last?: { ip: string; allowed: boolean };
};

function v6Matches(words: readonly number[], network: readonly number[], prefix: number): boolean {
  let bits = prefix;
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((words[i] & mask) !== network[i]) return false;
  }
  return true;
}

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
/** The stored entries as they were saved (normalised then), for display: no parsing of
 * addresses, so a page of tokens with long lists costs no more than one without. */
export function storedAllowlist(stored: string | null): string[] {
  const entries = stored ? readStored(stored) : [];
  return (entries ?? []).filter((e): e is string => typeof e === "string");
}

/** The stored JSON array, or null when the column can't be read. */
function readStored(stored: string): unknown[] | null {
  try {
    const entries: unknown = JSON.parse(stored);
    return Array.isArray(entries) ? entries : null;
  } catch {
    return null;
  }
}

export function compileAllowlist(stored: string | readonly string[] | null | undefined): IpAllowlist | null {
  if (stored === null || stored === undefined) return null;
  const entries = typeof stored === "string" ? readStored(stored) : stored;
  // Unreadable storage fails closed: it allows nothing.
  if (!entries) return { entries: [], v4: [], v6: [] };
  if (entries.length === 0) return null;
  const v4: [number, number][] = [];
  const v6: [number[], number][] = [];
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
      v6.push([(address as ipaddr.IPv6).parts.slice(), prefixText === undefined ? 128 : Number(prefixText)]);
    }
  }
  return { entries: kept, v4, v6 };
}

/** Is the client address in the list? No address (unknown client) is never in it. Per request:
 * IPv4 is read by hand (ipaddr.js's IPv4 checks cost tens of microseconds), IPv6 by
 * ipaddr.IPv6.parse alone (a couple); an IPv4-mapped IPv6 address is matched as IPv4. */
export function ipAllowed(list: IpAllowlist, ip: string | null): boolean {
  if (!ip) return false;
  if (list.last?.ip === ip) return list.last.allowed;
  const allowed = matches(list, ip);
  list.last = { ip, allowed };
  return allowed;
}

function matches(list: IpAllowlist, ip: string): boolean {
  let v4 = v4ToInt(ip);
  if (v4 === -1) {
    if (!ip.includes(":") || ip.includes("%")) return false;
    let words: number[];
    try {
      words = ipaddr.IPv6.parse(ip).parts;
    } catch {
      return false;
    }
    const mapped = words[0] === 0 && words[1] === 0 && words[2] === 0 && words[3] === 0 && words[4] === 0 && words[5] === 0xffff;
    if (!mapped) {
      for (let i = 0; i < list.v6.length; i++) if (v6Matches(words, list.v6[i][0], list.v6[i][1])) return true;
      return false;
    }
    v4 = words[6] * 65536 + words[7];
  }
  for (let i = 0; i < list.v4.length; i++) if (((v4 & list.v4[i][1]) >>> 0) === list.v4[i][0]) return true;
  return false;
}
