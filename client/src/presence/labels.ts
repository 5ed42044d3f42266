import type { Participant } from '../api/types';
import { t } from '../i18n';

/** An organisation as shown: people without one are independent. */
export function organisationName(organisation: string): string {
  return organisation || t('live.independent');
}

/**
 * How someone present is shown to this reader: their name — or, where the group hides names from
 * observers (the server then sends none), their organisation and role, with a short tag from their
 * per-document pseudonym when someone else present would read the same. In two parts, so that a
 * narrow label can shorten the name or organisation and keep the rest.
 */
export function presenceParts(person: Participant, everyone: readonly Participant[]): { name: string; detail: string } {
  if (person.displayName) return { name: person.displayName, detail: '' };
  const role = t(`role.${person.role}`).toLocaleLowerCase();
  const alike = everyone.some((other) => other.userId !== person.userId && !other.displayName
    && other.organisation === person.organisation && other.role === person.role);
  return { name: organisationName(person.organisation), detail: alike ? ` · ${role} (${person.userId.slice(0, 4)})` : ` · ${role}` };
}

/** The whole label (see {@link presenceParts}). */
export function presenceLabel(person: Participant, everyone: readonly Participant[]): string {
  const { name, detail } = presenceParts(person, everyone);
  return name + detail;
}
