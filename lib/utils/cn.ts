// Joins class names, skipping empty ones: cn("a", cond && "b", undefined) === "a b".
// Tailwind sizes are overridden by passing a variant, never by editing another component's string.
export type ClassValue = string | false | null | undefined;

export function cn(...classes: ClassValue[]): string {
  return classes.filter(Boolean).join(" ");
}
