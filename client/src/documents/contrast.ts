/** Colour arithmetic for checking the editor's colours: WCAG contrast and how far apart two colours look. */

export type Rgb = [number, number, number];

/** `#rrggbb` or `#rrggbbaa`, composited over `under` when it has an alpha. */
export function parseColour(hex: string, under: Rgb = [255, 255, 255]): Rgb {
  const match = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex.trim());
  if (!match) throw new Error(`not a colour: ${hex}`);
  const value = parseInt(match[1], 16);
  const rgb: Rgb = [(value >> 16) & 255, (value >> 8) & 255, value & 255];
  const alpha = match[2] === undefined ? 1 : parseInt(match[2], 16) / 255;
  return rgb.map((c, i) => c * alpha + under[i] * (1 - alpha)) as Rgb;
}

const linear = (channel: number) => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG 2 relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio (1 to 21); AA asks 4.5 for body text. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** CIE L*a*b* (D65). */
export function lab(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb.map(linear);
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ].map((v) => (v > 216 / 24389 ? Math.cbrt(v) : (24389 / 27 * v + 16) / 116));
  return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
}

/** How different two colours look (CIE76 ΔE: about 2.3 is just noticeable; past 10, plainly different colours). */
export function difference(a: Rgb, b: Rgb): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

const white: Rgb = [255, 255, 255];
/**
 * The text colour for a label drawn on `background` (an author's colour): white where it reads at AA, else black
 * (the two ratios multiply to 21, so where white is under 4.5 black is over 4.6; the page's ink is not always).
 */
export function labelInk(background: string): string {
  return contrastRatio(white, parseColour(background)) >= 4.5 ? '#ffffff' : '#000000';
}
