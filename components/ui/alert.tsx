import { InfoIcon, WarningIcon } from "@/components/ui/icons";
import { cn } from "@/lib/utils/cn";

/** An error message, announced to screen readers as it appears. */
export function ErrorBanner({ children }: { children: React.ReactNode }) {
  return (
    <div role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-600/20 dark:bg-red-950/50 dark:text-red-200">
      {children}
    </div>
  );
}

type WarningBannerProps = {
  children: React.ReactNode;
  /** "info": something to know (a policy in force); "warning": something to act on. */
  icon?: "info" | "warning";
  /** "status" when the banner tells about the page's state (read politely); none for static text. */
  role?: "status";
  "aria-label"?: string;
  /** Spacing around the banner only (e.g. "mb-4"); its look is fixed here. */
  className?: string;
};

/** The amber banner: a notice the reader should not miss, but no error. */
export function WarningBanner({ children, icon = "warning", className, ...aria }: WarningBannerProps) {
  const Icon = icon === "info" ? InfoIcon : WarningIcon;
  return (
    <div
      {...aria}
      className={cn(
        "flex gap-3 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/20 dark:bg-amber-950/40 dark:text-amber-200 dark:ring-amber-400/20",
        className,
      )}
    >
      <Icon className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-1">{children}</div>
    </div>
  );
}
