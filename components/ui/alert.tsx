/** An error message, announced to screen readers as it appears. */
export function ErrorBanner({ children }: { children: React.ReactNode }) {
  return (
    <div role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-600/20 dark:bg-red-950/50 dark:text-red-200">
      {children}
    </div>
  );
}
