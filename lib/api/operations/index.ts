// Every operation of the API, in the order the reference lists them. A new route: its
// declaration in the area's file, this list (if a new area), and a one-line route file.
import { ADMIN_OPERATIONS, metricsOp } from "./admin";
import { APPROVAL_OPERATIONS } from "./approvals";
import { DEVICE_OPERATIONS } from "./device";
import { FEDERATION_OPERATIONS } from "./federation";
import { ME_OPERATIONS } from "./me";
import { introspectOp, PUBLIC_OAUTH_OPERATIONS } from "./oauth";
import { SCOPE_OPERATIONS } from "./scopes";
import { SERVICE_ACCOUNT_OPERATIONS } from "./service-accounts";
import { TOKEN_OPERATIONS } from "./tokens";
import { USER_OPERATIONS } from "./users";
import { WEBHOOK_OPERATIONS } from "./webhooks";

export const API_OPERATIONS = [
  ...ME_OPERATIONS,
  ...TOKEN_OPERATIONS,
  ...SCOPE_OPERATIONS,
  ...APPROVAL_OPERATIONS,
  ...DEVICE_OPERATIONS,
  ...USER_OPERATIONS,
  ...SERVICE_ACCOUNT_OPERATIONS,
  ...ADMIN_OPERATIONS,
  introspectOp,
  ...WEBHOOK_OPERATIONS,
  ...FEDERATION_OPERATIONS,
  metricsOp,
  ...PUBLIC_OAUTH_OPERATIONS,
] as const;

export type AnyOperation = (typeof API_OPERATIONS)[number];
