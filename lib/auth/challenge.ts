// WWW-Authenticate challenges (RFC 7235, RFC 6750 section 3). error_description is always the
// JSON body's message, so a client reading either sees the same words.

/** A quoted-string value: backslash and double quote escaped, anything outside printable ASCII
 * (which a header can't carry safely) replaced, so the header is always well formed. */
const quote = (value: string) => `"${value.replace(/[^\x20-\x7e]/g, "?").replace(/["\\]/g, (c) => `\\${c}`)}"`;

export function challenge(scheme: "Bearer" | "Basic", params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${quote(value)}`);
  return parts.length ? `${scheme} ${parts.join(", ")}` : scheme;
}
