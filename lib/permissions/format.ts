// How a permission or scope reads everywhere, on the server and in the browser (pure, no
// imports): "tokens:read", or "tokens:read:<id>" when it is bound to one entity id.
export const WILDCARD_ID = "*";

export function scopeLabel(scope: { entity: string; operation: string; entityId?: string | null }): string {
  const id = scope.entityId && scope.entityId !== WILDCARD_ID ? `:${scope.entityId}` : "";
  return `${scope.entity}:${scope.operation}${id}`;
}
