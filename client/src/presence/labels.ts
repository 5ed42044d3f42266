import type { Participant } from '../api/types';
import { t } from '../i18n';

/** An organisation as shown: people without one are independent. */
export function organisationName(organisation: string): string {
  return organisation || t('live.independent');
}

/**
 * How someone present is shown to this reader: their name — or, where the group hides names from
 * observers (the server then sends none), their organisation and role, with a short tag from their
 * per-document pseudonym when someone else present would read the same.
 */
export function presenceLabel(person: Participant, everyone: readonly Participant[]): string {
  if (person.displayName) return person.displayName;
  const label = `${organisationName(person.organisation)} · ${t(`role.${person.role}`).toLocaleLowerCase()}`;
  const alike = everyone.some((other) => other.userId !== person.userId && !other.displayName
    && other.organisation === person.organisation && other.role === person.role);
  return alike ? `${label} (${person.userId.slice(0, 4)})` : label;
}
