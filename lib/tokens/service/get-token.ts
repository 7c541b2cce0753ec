import type { TokenResponse } from "@/lib/schemas/token";
import { respond } from "../response";
import { findAccessible } from "./access";
import type { Caller } from "./caller";

export async function getToken(caller: Caller, id: string): Promise<TokenResponse> {
  return respond(await findAccessible(caller, id));
}
