// The home page's waiting items (首页待办): every feature registers one provider (in
// src/wiring.ts) that says what waits for a user, and the home page shows them all. A provider
// returns nothing for a user whose role has nothing of it.
import type { Actor } from './access';
import type { WaitingItem } from './shared/waiting-contract';

export type WaitingProvider = (actor: Actor) => Promise<WaitingItem[]>;

const providers: WaitingProvider[] = [];

/** Adds a feature's provider of waiting items. */
export function registerWaiting(provider: WaitingProvider): void {
  providers.push(provider);
}

/** Everything waiting for the actor that there is some of, in the providers' order. */
export async function waitingFor(actor: Actor): Promise<{ items: WaitingItem[] }> {
  const items: WaitingItem[] = [];
  // One after another: on the embedded database statements run one at a time anyway.
  for (const provider of providers) items.push(...(await provider(actor)));
  return { items: items.filter((i) => i.count > 0) };
}
