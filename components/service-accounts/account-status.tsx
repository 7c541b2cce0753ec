import { Pill } from "@/components/ui/pill";
import type { ServiceAccountResponse } from "@/lib/schemas/service-account";

/** Disabled, or active; and the admins' flag when no active manager is left. */
export function AccountStatus({ account }: { account: ServiceAccountResponse }) {
  return (
    <span className="flex flex-wrap gap-1">
      {account.disabled ? <Pill tone="danger">Disabled</Pill> : <Pill tone="success">Active</Pill>}
      {account.needsManager ? (
        <Pill tone="warning" title="Nobody active manages its tokens: add a manager">
          No active manager
        </Pill>
      ) : null}
    </span>
  );
}
