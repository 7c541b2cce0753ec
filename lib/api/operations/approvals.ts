// The approval queue: tokens the approval policy held back, for approvers (admins, or the
// approver role when the policy says so) to approve or deny (lib/tokens/service/approvals.ts).
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { decideApprovalSchema } from "@/lib/schemas/approval";
import { decideApproval, listApprovals } from "@/lib/tokens/service/approvals";

const tag = "Tokens";

export const listApprovalsOp = defineOperation({
  method: "GET",
  path: "/api/v1/approvals",
  permission: "approvals:list",
  tag,
  summary: "List tokens waiting for approval",
  description: "Approvers only (admins, or the approver role when the policy names it; 403 for anyone else): pending tokens, oldest first, at most 200. A pending token expires unapproved 7 days after its secret was minted.",
  responses: { 200: { description: "The queue", schema: COMPONENTS.ApprovalQueue } },
  run: async ({ caller }) => ({ status: 200, body: { tokens: await listApprovals(caller) } }),
});

export const decideApprovalOp = defineOperation({
  method: "POST",
  path: "/api/v1/approvals/:id",
  permission: "approvals:update",
  tag,
  summary: "Approve or deny a token waiting for approval",
  description: 'decision: "approve" (the token works at once) or "deny" (refused for good; reason required). Nobody decides on their own token. 409 when it was decided, revoked or expired meanwhile.',
  input: { body: decideApprovalSchema },
  example: { decision: "approve", reason: "Needed by the release pipeline" },
  responses: { 200: { description: "The token with its approval state", schema: COMPONENTS.Token } },
  run: async ({ caller, input }) => ({ status: 200, body: await decideApproval(caller, input.params.id, input.body) }),
});

export const APPROVAL_OPERATIONS = [listApprovalsOp, decideApprovalOp] as const;
