// The Access tokens page, for /tokens and for a template link (/tokens/new?...).
import { TokensView } from "@/components/tokens/tokens-view";
import { requireUser } from "@/lib/auth/guards";
import { tokenAlertsFor } from "@/lib/lifecycle/service/alerts";
import { canCreateTokens, getSettings } from "@/lib/policy/service";
import { isAdmin } from "@/lib/permissions/roles";
import type { TokenTemplate } from "@/lib/tokens/template";

export async function TokensPageBody({ template }: { template?: TokenTemplate }) {
  const user = await requireUser();
  // Read at each request: a new admin maximum or SSO rule shows at the next load.
  const [settings, alerts] = await Promise.all([getSettings(), tokenAlertsFor(user.id)]);
  return (
    <TokensView
      maxExpiration={settings.maxExpiration}
      canCreate={canCreateTokens(user, settings)}
      viewer={{ id: user.id, admin: isAdmin(user.roles) }}
      alerts={alerts}
      template={template}
    />
  );
}
