// A list of strings stored as a JSON array in a text column (the approval policy's scope rules,
// a token's reasons for approval): anything unreadable reads as none.
export function parseStringList(value: string | null): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
