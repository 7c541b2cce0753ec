import { z } from "zod";

/** Ids in paths (cuid and friends). Anything else is simply not found. */
export const idParams = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });
