import { t } from '../i18n';
import type { FieldSpec, Option } from '../ui/forms';

/**
 * The fields of a new account: who a person is to everyone else in a group. Registration through an
 * invitation chooses the organisation with the directory's picker instead of typing it (withOrganisation false).
 */
export function accountFields(countries: Option[], withOrganisation = true): FieldSpec[] {
  const fields: FieldSpec[] = [
    { name: 'email', label: t('field.email'), type: 'email', required: true, autocomplete: 'email', maxLength: 254 },
    { name: 'password', label: t('field.newPassword'), type: 'password', required: true, autocomplete: 'new-password', hint: t('field.passwordHint') },
    { name: 'displayName', label: t('field.displayName'), required: true, autocomplete: 'name', maxLength: 100 },
    { name: 'organisation', label: t('field.organisation'), required: false, autocomplete: 'organization', maxLength: 150 },
    { name: 'country', label: t('field.country'), type: 'select', required: true, options: [{ value: '', label: t('field.choose') }, ...countries] },
  ];
  return withOrganisation ? fields : fields.filter((f) => f.name !== 'organisation');
}
