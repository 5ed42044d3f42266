import { articleLabel, chapterLabel, chapterNamed, conventionLoaded } from '../convention/catalogue';
import { language, t, type Language } from '../i18n';
import { countryName } from '../ui/places';
import type { PartnerReason } from './types';

/** UN M49 regions as the server's geography.json names them by code. */
const regions: Record<string, Record<Language, string>> = {
  '005': { en: 'South America', es: 'América del Sur', pt: 'América do Sul' },
  '010': { en: 'Antarctica', es: 'Antártida', pt: 'Antártida' },
  '011': { en: 'Western Africa', es: 'África Occidental', pt: 'África Ocidental' },
  '013': { en: 'Central America', es: 'Centroamérica', pt: 'América Central' },
  '014': { en: 'Eastern Africa', es: 'África Oriental', pt: 'África Oriental' },
  '015': { en: 'Northern Africa', es: 'Norte de África', pt: 'Norte da África' },
  '017': { en: 'Middle Africa', es: 'África Central', pt: 'África Central' },
  '018': { en: 'Southern Africa', es: 'África Austral', pt: 'África Austral' },
  '021': { en: 'Northern America', es: 'América del Norte', pt: 'América do Norte' },
  '029': { en: 'the Caribbean', es: 'el Caribe', pt: 'o Caribe' },
  '030': { en: 'Eastern Asia', es: 'Asia Oriental', pt: 'Ásia Oriental' },
  '034': { en: 'Southern Asia', es: 'Asia Meridional', pt: 'Ásia Meridional' },
  '035': { en: 'South-eastern Asia', es: 'Sudeste Asiático', pt: 'Sudeste Asiático' },
  '039': { en: 'Southern Europe', es: 'Europa Meridional', pt: 'Europa Meridional' },
  '053': { en: 'Australia and New Zealand', es: 'Australia y Nueva Zelanda', pt: 'Austrália e Nova Zelândia' },
  '054': { en: 'Melanesia', es: 'Melanesia', pt: 'Melanésia' },
  '057': { en: 'Micronesia', es: 'Micronesia', pt: 'Micronésia' },
  '061': { en: 'Polynesia', es: 'Polinesia', pt: 'Polinésia' },
  '143': { en: 'Central Asia', es: 'Asia Central', pt: 'Ásia Central' },
  '145': { en: 'Western Asia', es: 'Asia Occidental', pt: 'Ásia Ocidental' },
  '151': { en: 'Eastern Europe', es: 'Europa Oriental', pt: 'Europa Oriental' },
  '154': { en: 'Northern Europe', es: 'Europa Septentrional', pt: 'Europa Setentrional' },
  '155': { en: 'Western Europe', es: 'Europa Occidental', pt: 'Europa Ocidental' },
};

export const regionName = (code: string, lang: Language = language()): string => regions[code]?.[lang] ?? code;

/** Why an organisation was suggested, in the reader's language: "Art. 33 — …", "in Mexico", "neighbouring country: Guatemala". */
export function reasonText(reason: PartnerReason): string {
  switch (reason.code) {
    case 'article':
      return articleLabel(reason.value);
    case 'chapter': {
      const convention = conventionLoaded();
      const chapter = convention ? chapterNamed(convention, reason.value) : undefined;
      return t('directory.reason.chapter', { chapter: chapter ? chapterLabel(chapter) : reason.value });
    }
    case 'same-country':
      return t('directory.reason.sameCountry', { country: countryName(reason.value) });
    case 'neighbour':
      return t('directory.reason.neighbour', { country: countryName(reason.value) });
    case 'sub-region':
      return t('directory.reason.region', { region: regionName(reason.value) });
    default:
      return reason.value;
  }
}
