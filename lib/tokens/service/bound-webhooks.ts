// The webhook endpoints bound to a token's secret (its current one or one it replaced and still
// knows): the owner is told before replacing the secret, since each endpoint's sender holds it
// and is refused once its grace period ends.
import { db } from "@/lib/db";

export type BoundWebhook = { id: string; title: string; path: string };

export async function webhooksUsing(token: { id: string; secretHash: string }): Promise<BoundWebhook[]> {
  const replaced = await db.replacedSecret.findMany({ where: { tokenId: token.id }, select: { secretHash: true } });
  return db.webhookEndpoint.findMany({
    where: { authMethod: "token", tokenHash: { in: [token.secretHash, ...replaced.map((r) => r.secretHash)] } },
    select: { id: true, title: true, path: true },
    orderBy: [{ title: "asc" }, { id: "asc" }],
  });
}
