const STRIP = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'type', 'expiresAt'];

/** An item as its record: the keys and index attributes left out. */
export function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const key of STRIP) delete copy[key];
  return copy as T;
}
