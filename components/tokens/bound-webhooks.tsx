"use client";

// Which webhook endpoints use this token's secret (GET /api/v1/tokens/:id lists them): shown on
// the token's page and in regenerate's dialog, because replacing the secret cuts their senders
// off once the grace period ends.
import { useToken } from "./use-tokens";

export function BoundWebhooks({ tokenId, regenerating = false }: { tokenId: string; regenerating?: boolean }) {
  const webhooks = useToken(tokenId).data?.webhooks ?? [];
  if (webhooks.length === 0) return null;
  return (
    <div role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
      <p>
        {webhooks.length === 1 ? "One webhook endpoint uses" : `${webhooks.length} webhook endpoints use`} this token&apos;s secret
        {regenerating ? ": give their senders the new secret before the grace period ends, or their deliveries are refused." : "."}
      </p>
      <ul className="mt-1 list-disc pl-5">
        {webhooks.map((w) => (
          <li key={w.id}>
            {w.title} <span className="font-mono text-xs">/api/hooks/{w.path}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
