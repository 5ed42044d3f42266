/** The directory's shapes (see src/Workspace.Server/API.md, "Organisations"). */
export type OrganisationKind =
  | 'civil-society' | 'network-or-coalition' | 'government-institution' | 'international-organisation'
  | 'diplomatic-mission' | 'academia' | 'private-sector' | 'media';

export const organisationKinds: OrganisationKind[] = [
  'civil-society', 'network-or-coalition', 'government-institution', 'international-organisation',
  'diplomatic-mission', 'academia', 'private-sector', 'media',
];

export type OrganisationStatus = 'pending' | 'verified';
export type TieStatus = 'pending' | 'confirmed';

export interface OrganisationSearchResult { id: string; name: string; shortName: string | null; country: string; kind: OrganisationKind; status: OrganisationStatus }

export interface OrganisationListItem extends OrganisationSearchResult { people: number; pendingPeople: number; createdAt: string }

export interface OrganisationDetails {
  name: string; shortName: string | null; country: string; kind: OrganisationKind; website: string | null; description: string | null;
  languages: string[]; thematicAreas: string[]; articles: string[];
}

export interface OrganisationPerson { userId: string; displayName: string; tie: TieStatus; contact: boolean; since: string }

export interface OrganisationView { id: string; details: OrganisationDetails; status: OrganisationStatus; people: OrganisationPerson[]; createdAt: string; mergedInto: string | null; listing?: 'default' | 'listed' | 'unlisted' }

export interface MyOrganisation { organisation: OrganisationSearchResult | null; tie: TieStatus | null; contact: boolean; mayTakeStances: boolean; reason: string | null }

/** What a person's choice sends (registration and the account page); nothing at all: an independent expert. */
export interface OrganisationChoice {
  organisationId?: string;
  organisation?: string;
  organisationShortName?: string;
  organisationCountry?: string;
  organisationKind?: OrganisationKind;
}

/** As the server compares names: case, accents, spacing and punctuation do not count. */
export function fold(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
