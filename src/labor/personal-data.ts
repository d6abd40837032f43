// Workers' personal data in mediation cases (DOMAIN §4, README "Personal data"): names, ID
// numbers and phones are shown whole only to the legal department of a federation over the case
// (labor:handle), the case's mediators and the unit that took the case; everyone else sees them
// masked, and every whole read is audited.
import { can, type Actor } from '../platform/access';

/** 张三丰 → 张**; a single character stays (there is nothing to hide it behind). */
export const maskName = (name: string) => {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
};

/** 320506199003071234 → 3205**********1234 */
export const maskIdNumber = (id: string) =>
  id.length <= 8 ? '*'.repeat(id.length) : id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);

/** 13812345678 → 138****5678; a landline keeps its area code and last four digits. */
export const maskPhone = (phone: string | null) =>
  phone === null
    ? null
    : phone.length <= 7
      ? '*'.repeat(phone.length)
      : phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);

/** Whether the actor may see the case's personal data whole. */
export function seesPersonalData(actor: Actor, c: { orgId: string; mediatorIds: string[] }): boolean {
  return can(actor, 'labor:handle') || c.mediatorIds.includes(actor.id) || actor.orgId === c.orgId;
}
