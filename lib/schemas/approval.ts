import { z } from "zod";
import { tokenResponseSchema } from "./token";

/** POST /api/v1/approvals/:id: an approver's decision; a denial says why. */
export const decideApprovalSchema = z
  .object({
    decision: z.enum(["approve", "deny"], { error: 'decision must be "approve" or "deny"' }),
    reason: z.string({ error: "reason must be text" }).trim().max(500, "reason is at most 500 characters").optional(),
  })
  .strict()
  .refine((d) => d.decision === "approve" || (d.reason ?? "").length > 0, { message: "A denial needs a reason", path: ["reason"] });
export type DecideApprovalInput = z.infer<typeof decideApprovalSchema>;

/** GET /api/v1/approvals: the tokens waiting for a decision, oldest first (at most 200). */
export const approvalQueueSchema = z.object({ tokens: z.array(tokenResponseSchema) });
