// Long computations on the server's own thread (segmenting the text of hundreds of items, say)
// pause now and then so that other requests are answered in between.

/** Lets the event loop answer what is waiting, then continues. */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Maps `items` with `fn`, pausing for other requests after every `every` items. */
export async function mapBreathing<T, R>(items: T[], fn: (item: T) => R, every = 20): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % every === 0) await breathe();
    out.push(fn(items[i]!));
  }
  return out;
}
