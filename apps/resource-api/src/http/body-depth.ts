/** A note is `{ "title": …, "body": … }`: two levels. Anything past this is not a note. */
export const MAX_BODY_DEPTH = 16;

/** Whether `value` has objects or arrays nested more than `limit` levels deep. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) {
      continue;
    }
    const depth = next.depth + 1;
    if (depth > limit) {
      return true;
    }
    for (const child of Object.values(next.value)) {
      pending.push({ value: child, depth });
    }
  }
  return false;
}
