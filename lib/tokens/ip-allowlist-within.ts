// Containment of one allowlist in another: a token handed out or changed by a token caller must
// not be usable from more addresses than the caller (service/caller-bounds.ts).
import ipaddr from "ipaddr.js";
import { normalizeAllowEntry, type Address } from "@/lib/schemas/ip-address";


/** An entry as (address, prefix length); a plain address is a full-length range. */
function asRange(entry: string): [Address, number] | null {
  const normalized = normalizeAllowEntry(entry);
  if (!normalized) return null;
  const [addressText, prefixText] = normalized.split("/");
  const address = ipaddr.parse(addressText);
  return [address, prefixText === undefined ? (address.kind() === "ipv4" ? 32 : 128) : Number(prefixText)];
}

/**
 * Does every range of `inner` lie inside some range of `outer` (same family, prefix at least as
 * long, network inside)? A null list is every address: it fits only inside another null list.
 * An entry that doesn't parse fits nowhere, and holds nothing.
 */
export function allowlistWithin(inner: readonly string[] | null, outer: readonly string[] | null): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  const ranges = outer.map(asRange).filter((r): r is [Address, number] => r !== null);
  return inner.every((entry) => {
    const range = asRange(entry);
    if (!range) return false;
    const [address, prefix] = range;
    return ranges.some(([network, outerPrefix]) => network.kind() === address.kind() && outerPrefix <= prefix && address.match(network, outerPrefix));
  });
}
