import { uuidv7 } from 'uuidv7';

/** A new UUIDv7: sortable by creation time, generated in the app (DESIGN rule 8). */
export function newId(): string {
  return uuidv7();
}
