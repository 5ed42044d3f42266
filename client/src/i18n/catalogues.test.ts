import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues, detectLanguage, languages, message } from './index';
import ptPtForms from './pt-PT-forms.json';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });

describe('message catalogues', () => {
  it('have exactly the same keys and placeholders in every language', () => {
    const english = catalogues.en;
    for (const language of languages) {
      const catalogue = catalogues[language];
      expect(Object.keys(catalogue).sort(), language).toEqual(Object.keys(english).sort());
      for (const key of Object.keys(english)) {
        expect(placeholders(catalogue[key]), `${language} ${key}`).toEqual(placeholders(english[key]));
        expect(catalogue[key].trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('are translated, not copies of English', () => {
    const same = Object.keys(catalogues.en).filter((k) => catalogues.es[k] === catalogues.en[k] && catalogues.pt[k] === catalogues.en[k]);
    // Names that are the same in every language on purpose.
    expect(same.sort()).toEqual(['app.name', 'language.en', 'language.es', 'language.pt']);
  });

  it('contain every key the source asks for', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([\w.-]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/'((?:field|invitations)\.[\w.]+)'/g)) used.add(m[1]);
    }
    const dynamic = [
      ...['facilitator', 'member', 'observer'].map((r) => `role.${r}`),
      ...languages.map((l) => `language.${l}`),
      ...['active', 'expired', 'revoked', 'used-up'].flatMap((s) => [`invitations.status.${s}`, `invite.status.${s}`]),
      ...['group.created', 'group.updated', 'member.joined', 'member.appointed', 'member.role-changed', 'member.removed', 'member.left', 'invitation.created', 'invitation.revoked',
        'group.observers-see-authors', 'recommendation.created', 'recommendation.status-changed', 'recommendation.adopted', 'recommendation.withdrawn'].map((a) => `audit.${a}`),
      ...['draft', 'under-discussion', 'proposed-for-adoption', 'adopted', 'withdrawn'].map((s) => `rec.status.${s}`),
      ...['not-started', 'in-progress', 'partially-implemented', 'implemented', 'no-information'].map((s) => `followUp.status.${s}`),
      ...['open', 'accepted', 'rejected'].map((s) => `amend.status.${s}`),
      ...['accepted', 'rejected'].map((s) => `amend.decided.${s}`),
      ...['support', 'support-with-reservations', 'oppose'].map((s) => `stance.${s}`),
      ...['agree', 'abstain', 'disagree', 'block'].map((c) => `poll.choice.${c}`),
      ...['members', 'observers'].map((v) => `documents.visibility.${v}`),
    ];
    // A counted message has its plural forms (key.one, key.other) instead of the plain key.
    const missing = [...used, ...dynamic].filter((key) => !(key in catalogues.en) && !(`${key}.other` in catalogues.en));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });
});

/** The server's catalogues of minutes and reports (src/Workspace.Reports/Texts.{en,es,pt}.json). */
const serverCatalogues = Object.fromEntries(languages.map((l) => [l, JSON.parse(readFileSync(join(__dirname, '../../../src/Workspace.Reports', `Texts.${l}.json`), 'utf8')) as Record<string, string>]));

describe('Portuguese is Brazilian Portuguese', () => {
  const words = ptPtForms.words.map((w) => new RegExp(`(?<![\\p{L}-])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}-])`, 'iu'));
  const patterns = ptPtForms.patterns.map((p) => new RegExp(p, 'iu'));
  const europeanIn = (catalogue: Record<string, string>) =>
    Object.entries(catalogue).flatMap(([key, text]) => [...words, ...patterns].filter((r) => r.test(text)).map((r) => `${key}: ${text} (${r.source})`));

  it('has no European Portuguese form of the reviewed list in the client catalogue', () => {
    expect(europeanIn(catalogues.pt)).toEqual([]);
  });

  it('has no European Portuguese form of the reviewed list in the server catalogue', () => {
    expect(europeanIn(serverCatalogues.pt)).toEqual([]);
  });

  it('the check itself finds European forms', () => {
    expect(europeanIn({ a: 'Grelha de acompanhamento', b: 'O seu comentário', c: 'Está a guardar', d: 'Mudar a palavra-passe', e: 'A editar o texto', f: 'Registar' })).toHaveLength(6);
    expect(europeanIn({ a: 'Grade de acompanhamento', b: 'Seu comentário', c: 'Salvando', d: 'Mudar a senha', e: 'Editando o texto', f: 'Registrar', g: 'Tudo certo', h: 'Atualizar' })).toEqual([]);
  });
});

describe('server catalogues of minutes and reports', () => {
  it('have exactly the same keys and placeholders in every language', () => {
    for (const language of languages) {
      expect(Object.keys(serverCatalogues[language]).sort(), language).toEqual(Object.keys(serverCatalogues.en).sort());
      for (const key of Object.keys(serverCatalogues.en)) {
        expect(placeholders(serverCatalogues[language][key]), `${language} ${key}`).toEqual(placeholders(serverCatalogues.en[key]));
      }
    }
  });
});

describe('counted messages', () => {
  it('take the plural form of the language', () => {
    expect(message('en', 'session.minutes.count', { minutes: 1 })).toBe('1 minute');
    expect(message('en', 'session.minutes.count', { minutes: 2 })).toBe('2 minutes');
    expect(message('es', 'session.minutes.count', { minutes: 1 })).toBe('1 minuto');
    expect(message('pt', 'session.minutes.count', { minutes: 15 })).toBe('15 minutos');
    expect(message('en', 'groups.members', { count: 1 })).toBe('1 member');
    expect(message('pt', 'groups.members', { count: 3 })).toBe('3 membros');
    expect(message('es', 'org.found', { count: 1 })).toBe('1 organización encontrada.');
  });

  it('have a form for one and a form for other in every language', () => {
    for (const language of languages) {
      const counted = Object.keys(catalogues[language]).filter((k) => k.endsWith('.one') || k.endsWith('.other'));
      for (const key of counted) {
        const base = key.slice(0, key.lastIndexOf('.'));
        expect(catalogues[language], `${language} ${base}`).toHaveProperty([`${base}.one`]);
        expect(catalogues[language], `${language} ${base}`).toHaveProperty([`${base}.other`]);
      }
      expect(counted.length, language).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('language detection', () => {
  it('prefers the saved choice, then the browser, then English', () => {
    expect(detectLanguage('pt', ['es-MX'])).toBe('pt');
    expect(detectLanguage(null, ['de-DE', 'es-AR', 'en'])).toBe('es');
    expect(detectLanguage('klingon', ['pt-BR'])).toBe('pt');
    expect(detectLanguage(null, ['de', 'fr'])).toBe('en');
  });
});
