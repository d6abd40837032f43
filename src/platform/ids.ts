import { randomFillSync } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * Random numbers from the system's generator, drawn a few kilobytes at a time: the default
 * source refills every few ids, which dominates the cost of a bulk load's millions of ids.
 */
function bufferedRandom(size = 2048): { nextUint32(): number } {
  const buffer = new Uint32Array(size);
  let cursor = size;
  return {
    nextUint32() {
      if (cursor === size) {
        randomFillSync(buffer);
        cursor = 0;
      }
      return buffer[cursor++]!;
    },
  };
}

// One generator for the process, so that every id is later than the ones made before it.
const generator = new V7Generator(bufferedRandom());

/** A new UUIDv7: sortable by creation time, generated in the app (DESIGN rule 8). */
export function newId(): string {
  return generator.generate().toString();
}
