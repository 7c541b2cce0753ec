import { KeyIcon } from "./icons";

type Props = {
  title: string;
  children?: React.ReactNode;
  action?: React.ReactNode;
  /** 2 under a page's title; 1 when the empty state is the page (nothing found). */
  level?: 1 | 2;
};

export function EmptyState({ title, children, action, level = 2 }: Props) {
  const Heading = level === 1 ? "h1" : "h2";
  return (
    <div className="flex flex-col items-center px-6 py-14 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-950 dark:text-indigo-300">
        <KeyIcon className="size-6" strokeWidth={1.8} />
      </div>
      <Heading className="text-base font-semibold">{title}</Heading>
      {children ? <div className="mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">{children}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
