import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues, detectLanguage, languages } from './index';

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
    const missing = [...used, ...dynamic].filter((key) => !(key in catalogues.en));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
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
