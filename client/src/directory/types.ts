import type { OrganisationKind } from '../organisations/types';

/** One listed organisation as GET /api/directory lists it (other pages code against this shape). */
export interface DirectoryItem {
  id: string; name: string; shortName: string | null; country: string; kind: OrganisationKind;
  articles: string[]; thematicAreas: string[]; languages: string[]; website: string | null;
}

export interface DirectoryAnswer { items: DirectoryItem[]; total: number }

export type ReasonCode = 'article' | 'chapter' | 'same-country' | 'neighbour' | 'sub-region';

export interface PartnerReason { code: ReasonCode; value: string }

export interface PartnerItem { organisation: DirectoryItem; score: number; reasons: PartnerReason[] }

export interface PartnersAnswer { items: PartnerItem[]; articles: string[]; country: string }

export interface DirectoryGroup { id: string; name: string }

export interface DirectoryEndorsement {
  id: string; title: string; articles: string[]; group: DirectoryGroup; stance: 'support' | 'support-with-reservations'; adoptedAt: string;
}

export interface DirectoryProfile {
  organisation: DirectoryItem; description: string | null; listed: boolean; groups: DirectoryGroup[]; endorsed: DirectoryEndorsement[];
}

export type Listing = 'default' | 'listed' | 'unlisted';
