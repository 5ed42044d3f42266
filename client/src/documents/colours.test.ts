import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio, difference, labelInk, parseColour, type Rgb } from './contrast';

// The stylesheet as shipped, and the server's palette as it assigns colours: nothing copied by hand.
const css = readFileSync(join(__dirname, 'colours.css'), 'utf8');
const palette = [...readFileSync(join(__dirname, '../../../src/Workspace.Contracts/Documents/AuthorColours.cs'), 'utf8')
  .matchAll(/"#([0-9a-f]{6})"/gi)].map((m) => m[1].toLowerCase());
const [lightCss, darkCss] = css.split('@media (prefers-color-scheme: dark)');

/** The text colour and page colour of each scheme (styles.css :root, light and dark). */
const schemes = {
  light: { ink: parseColour('#1c2430'), paper: parseColour('#ffffff'), css: lightCss },
  dark: { ink: parseColour('#e4e8ee'), paper: parseColour('#1a2028'), css: darkCss },
};

function rule(source: string, kind: 'tint' | 'sel', colour: string, paper: Rgb): Rgb | undefined {
  const match = new RegExp(`\\.${kind}-${colour} \\{ background-color: (#[0-9a-f]{6,8});`, 'i').exec(source);
  return match ? parseColour(match[1], paper) : undefined;
}

describe('author colours', () => {
  it('reads the whole server palette', () => expect(palette).toHaveLength(12));

  it('writes cursor labels in a colour that reads at WCAG AA on every author colour', () => {
    for (const colour of palette) {
      expect(contrastRatio(parseColour(labelInk(`#${colour}`)), parseColour(`#${colour}`)), `label on #${colour}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(labelInk('#2ca02c')).not.toBe('#ffffff'); // white on this green is 3.3:1
  });

  for (const [scheme, { ink, paper, css: source }] of Object.entries(schemes)) {
    it(`keeps text over every authorship tint at WCAG AA (${scheme})`, () => {
      for (const colour of palette) {
        const tint = rule(source, 'tint', colour, paper);
        expect(tint, `.tint-${colour} (${scheme})`).toBeDefined();
        expect(contrastRatio(ink, tint!), `text over .tint-${colour} (${scheme})`).toBeGreaterThanOrEqual(4.5);
      }
    });

    it(`makes every two authors' tints plainly different (${scheme})`, () => {
      for (const a of palette) {
        for (const b of palette) {
          if (a < b) expect(difference(rule(source, 'tint', a, paper)!, rule(source, 'tint', b, paper)!), `.tint-${a} vs .tint-${b} (${scheme})`).toBeGreaterThanOrEqual(10);
        }
      }
    });

    it(`keeps text over another person's selection at WCAG AA (${scheme})`, () => {
      for (const colour of palette) {
        const selection = rule(lightCss, 'sel', colour, paper); // one translucent rule for both schemes
        expect(selection, `.sel-${colour}`).toBeDefined();
        expect(contrastRatio(ink, selection!), `text over .sel-${colour} (${scheme})`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});

describe('contrast arithmetic', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio(parseColour('#000000'), parseColour('#ffffff'))).toBeCloseTo(21, 5);
    expect(contrastRatio(parseColour('#777777'), parseColour('#ffffff'))).toBeCloseTo(4.48, 2);
    expect(parseColour('#00000080')).toEqual([127, 127, 127]); // half black over white
    expect(difference(parseColour('#ff0000'), parseColour('#ff0000'))).toBe(0);
  });
});
