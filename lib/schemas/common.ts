import { z } from "zod";

/** Ids in paths (cuid and friends). Anything else is simply not found. */
export const idParams = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

/** Names, titles and descriptions are printable text: control, format and bidi characters (NUL,
 * CR/LF, tabs, U+202E, zero-width runs) would hide or reorder what people read. */
export const VISIBLE_TEXT = /^[^\p{Cc}\p{Cf}]*$/u;
export const visibleTextMessage = (field: string) =>
  `${field} can't contain line breaks, tabs or invisible characters (control, zero-width or text-direction marks)`;
