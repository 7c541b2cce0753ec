// Leaked-token reports in the GitHub secret scanning partner format, and the public keys they
// are signed with (https://api.github.com/meta/public_keys/secret_scanning).
import { z } from "zod";

export const leakReportSchema = z
  .array(
    z.object({
      token: z.string().max(1000),
      type: z.string().max(200),
      url: z.string().max(2000).optional(),
      source: z.string().max(200).optional(),
    }),
  )
  .max(1000, "At most 1000 tokens per report");

export type LeakReport = z.infer<typeof leakReportSchema>;

export const leakAnswerSchema = z.array(
  z.object({ token_raw: z.string(), token_type: z.string(), label: z.enum(["true_positive", "false_positive"]) }),
);

export type LeakAnswer = z.infer<typeof leakAnswerSchema>;

export const scanningKeysSchema = z.object({
  public_keys: z.array(z.object({ key_identifier: z.string().min(1).max(200), key: z.string().min(1).max(10_000), is_current: z.boolean().optional() })).max(100),
});
