// The /device page's calls (RFC 8628): a signed-in person looks up the code a device shows, then
// approves or denies it. In the browser only (a token can't approve), rate limited per person.
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { decideDevice, lookupDevice } from "@/lib/device/service/device";
import { rateLimits } from "@/lib/rate-limit";
import { deviceDecisionSchema, deviceLookupSchema } from "@/lib/schemas/device";

export const lookupDeviceOp = defineOperation({
  method: "POST",
  path: "/api/v1/device/lookup",
  permission: "tokens:create",
  tag: "Tokens",
  summary: "What a device sign-in asks for",
  description: "The client's name, the permissions and the lifetime a device asks for, by the user code it shows. 404 when no device waits for the code.",
  input: { body: deviceLookupSchema },
  example: { user_code: "BCDF-GHJK" },
  responses: { 200: { description: "The pending request", schema: COMPONENTS.DevicePending } },
  before: ({ caller }) => rateLimits().limitUser("DEVICE_CODE", caller.user.id),
  run: async ({ input }) => ({ status: 200, body: await lookupDevice(input.body.user_code) }),
});

export const decideDeviceOp = defineOperation({
  method: "POST",
  path: "/api/v1/device/decision",
  permission: "tokens:create",
  tag: "Tokens",
  summary: "Approve or deny a device sign-in",
  description: "Approving checks the usual token rules now (permissions within your roles, the maximum lifetime, the SSO rule); the device's next poll receives the new token. Only with a session.",
  input: { body: deviceDecisionSchema },
  example: { user_code: "BCDF-GHJK", approve: true },
  responses: { 200: { description: "Decided", schema: COMPONENTS.DeviceDecision } },
  before: ({ caller }) => rateLimits().limitUser("DEVICE_CODE", caller.user.id),
  run: async ({ caller, input }) => ({ status: 200, body: await decideDevice(caller, input.body.user_code, input.body.approve) }),
});

export const DEVICE_OPERATIONS = [lookupDeviceOp, decideDeviceOp] as const;
