/** The token's name and prefix, as shown in confirmations. */
export function TokenLabel({ name, prefix }: { name: string; prefix: string }) {
  return (
    <>
      <span className="font-medium text-zinc-900 dark:text-zinc-100">{name}</span>{" "}
      <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{prefix}…</code>
    </>
  );
}
