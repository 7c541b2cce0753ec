/** A dialog's buttons, right-aligned under its fields: Cancel first, the main action last. */
export function DialogFooter({ children }: { children: React.ReactNode }) {
  return <div className="flex justify-end gap-2 pt-2">{children}</div>;
}
