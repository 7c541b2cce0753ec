"use client";

// The per-token dialogs (revoke, regenerate, edit, delete) shared by the table and the detail
// page. The caller keeps which action is open; a regenerated secret goes to onSecret.
import type { ExpirationChoice } from "@/lib/policy/expiry";
import type { TokenResponse, TokenWithSecret } from "@/lib/schemas/token";
import { DeleteTokenDialog } from "./delete-token-dialog";
import { EditTokenDialog } from "./edit-token-dialog";
import { RegenerateTokenDialog } from "./regenerate-token-dialog";
import { RevokeTokenDialog } from "./revoke-token-dialog";

export type TokenActionKind = "revoke" | "regenerate" | "edit" | "delete";
export type TokenAction = { kind: TokenActionKind; token: TokenResponse };

type Props = {
  action: TokenAction | null;
  maxExpiration: ExpirationChoice;
  onClose: () => void;
  onSecret: (result: TokenWithSecret) => void;
  onDeleted?: () => void;
};

export function TokenActionDialogs({ action, maxExpiration, onClose, onSecret, onDeleted }: Props) {
  const tokenFor = (kind: TokenActionKind) => (action?.kind === kind ? action.token : null);
  return (
    <>
      <RevokeTokenDialog token={tokenFor("revoke")} onClose={onClose} />
      <RegenerateTokenDialog token={tokenFor("regenerate")} maxExpiration={maxExpiration} onClose={onClose} onRegenerated={onSecret} />
      <EditTokenDialog token={tokenFor("edit")} onClose={onClose} />
      <DeleteTokenDialog token={tokenFor("delete")} onClose={onClose} onDeleted={onDeleted} />
    </>
  );
}
