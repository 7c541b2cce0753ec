// How a scope reads everywhere in the console: "tokens:read", or "tokens:read:<id>" when it is
// bound to one entity (the server's own wording in its error messages).
export const WILDCARD_ID = "*";

export function scopeLabel(scope: { entity: string; operation: string; entityId?: string | null }): string {
  const id = scope.entityId && scope.entityId !== WILDCARD_ID ? `:${scope.entityId}` : "";
  return `${scope.entity}:${scope.operation}${id}`;
}
