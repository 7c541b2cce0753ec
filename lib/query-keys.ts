// One factory for every query key, so a mutation invalidates exactly what it changes.
export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export const tokenKeys = {
  all: ["tokens"] as const,
  lists: () => [...tokenKeys.all, "list"] as const,
  list: (filters: Record<string, string | undefined>) => [...tokenKeys.lists(), filters] as const,
  detail: (id: string) => [...tokenKeys.all, "detail", id] as const,
};
