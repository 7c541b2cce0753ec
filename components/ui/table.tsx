import { cn } from "@/lib/utils/cn";

const tableBase = "min-w-full divide-y divide-zinc-200 dark:divide-zinc-800";
export const tableClass = cn(tableBase, "text-sm");
/** For wide tables (an extra column) that must still fit without scrolling. */
export const compactTableClass = cn(tableBase, "text-[13px]");

export const thClass = "px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400";

const tdBase = "px-4 py-3 whitespace-nowrap";
export const tdClass = cn(tdBase, "align-middle");
/** For rows whose cells grow (an expandable body): content stays at the top. */
export const tdTopClass = cn(tdBase, "align-top");
/** A cell whose text may wrap (names, lists), for tables that must fit without scrolling. */
export const tdWrapClass = "px-4 py-3 align-middle break-words";

/** A table's header row on the grey band. */
export function TableHead({ children }: { children: React.ReactNode }) {
  return (
    <thead className="bg-zinc-50 dark:bg-zinc-900/60">
      <tr>{children}</tr>
    </thead>
  );
}

/** A column header (scope="col" for screen readers). */
export function Th({ children, className }: { children?: React.ReactNode; className?: string }) {
  return (
    <th scope="col" className={cn(thClass, className)}>
      {children}
    </th>
  );
}
