// A service account's tokens, by its managers (and admins): created and listed with the
// account as the owner (lib/tokens/service/access.ts onBehalfOf), so the account's roles bound
// what a token may hold, the calling token bounds what is handed out (caller-bounds.ts), and the
// audit names the person who acted.
import { conflict } from "@/lib/errors";
import type { CreateTokenInput, TokenResponse, TokenWithSecret } from "@/lib/schemas/token";
import { onBehalfOf } from "@/lib/tokens/service/access";
import type { Caller } from "@/lib/tokens/service/caller";
import { createToken } from "@/lib/tokens/service/create-token";
import { listTokens, type ListQuery } from "@/lib/tokens/service/list-tokens";
import { findManaged } from "./access";

export async function createAccountToken(caller: Caller, accountId: string, input: CreateTokenInput): Promise<TokenWithSecret> {
  const account = await findManaged(caller, accountId);
  if (account.disabled) throw conflict("This service account is disabled: enable it before creating tokens");
  return createToken(onBehalfOf(caller, account), input);
}

export async function listAccountTokens(caller: Caller, accountId: string, query: Omit<ListQuery, "all" | "owner">): Promise<{ tokens: TokenResponse[]; nextCursor: string | null }> {
  const account = await findManaged(caller, accountId);
  return listTokens(onBehalfOf(caller, account), query);
}
