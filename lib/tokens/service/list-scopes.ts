import type { ScopeResponse } from "@/lib/schemas/token";
import { findAccessible } from "./access";
import type { Caller } from "./caller";

export async function listScopes(caller: Caller, id: string): Promise<{ allPermissions: boolean; scopes: ScopeResponse[] }> {
  const token = await findAccessible(caller, id);
  return { allPermissions: token.allPermissions, scopes: token.scopes };
}
