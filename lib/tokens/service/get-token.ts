import type { TokenResponse } from "@/lib/schemas/token";
import { respond } from "./respond";
import { findAccessible } from "./access";
import { webhooksUsing } from "./bound-webhooks";
import type { Caller } from "./caller";

/** One token, with the webhook endpoints that use its secret (the page and regenerate's dialog say so). */
export async function getToken(caller: Caller, id: string): Promise<TokenResponse> {
  const row = await findAccessible(caller, id);
  return { ...(await respond(row)), webhooks: await webhooksUsing(row) };
}
