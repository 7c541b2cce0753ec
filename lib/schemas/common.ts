import { z } from "zod";

/** Ids in paths (cuid and friends). Anything else is simply not found. */
export const idParams = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

/** Names, titles and descriptions are printable text: control, format and bidi characters (NUL,
 * CR/LF, tabs, U+202E, zero-width runs) and the Unicode line and paragraph separators
 * (U+2028, U+2029) would hide, break or reorder what people read. */
export const VISIBLE_TEXT = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u;

/** A name from outside (a directory's displayName, an SSO claim) made visible text as
 * VISIBLE_TEXT means it: line breaks, tabs and separators become one space, other control and
 * format characters go, spaces are collapsed; at most `max` characters; `fallback` when nothing is left. */
export function cleanDisplayName(raw: string, fallback: string, max = 100): string {
  const cleaned = raw
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, " ")
    .replace(/\p{Cf}+/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  // At most `max` UTF-16 units (the length zod counts), never half a surrogate pair.
  let out = "";
  for (const char of cleaned || fallback) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out.trim();
}
export const visibleTextMessage = (field: string) =>
  `${field} can't contain line breaks, tabs or invisible characters (control, zero-width or text-direction marks)`;
