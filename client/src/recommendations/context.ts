/** The text around an amended range: what comes before and after it, and whether either side was cut short. */
export interface Surrounding {
  before: string;
  after: string;
  /** The text goes on before `before` (shown as "…"). */
  cutStart: boolean;
  /** The text goes on after `after`. */
  cutEnd: boolean;
}

/** A sentence ends after . ! ? or … (and any closing quote or bracket) followed by a space, or at a line break. */
const sentenceEnd = /[.!?…]["'”’»)\]]*(?=\s)|\n/g;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** Whether `index` falls between the two halves of one character (UTF-16 surrogate pair). */
const splitsPair = (text: string, index: number) =>
  index > 0 && index < text.length && isLowSurrogate(text.charCodeAt(index)) && !isLowSurrogate(text.charCodeAt(index - 1));

/**
 * The sentence around `text.slice(from, to)`: from the start of its sentence to the end of its sentence,
 * or, where the sentence goes on further than `reach` characters (UTF-16 code units) on a side, cut at a
 * word boundary within `reach` (never inside a character). Null when the range is not in the text or no
 * longer reads `original` (the text changed since the amendment was proposed).
 */
export function surrounding(text: string, from: number, to: number, original: string, reach = 80): Surrounding | null {
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to <= text.length)) return null;
  if (text.slice(from, to) !== original) return null;

  // Before: back to where the sentence starts, if that is near enough.
  let start = Math.max(0, from - reach);
  let cutStart = start > 0;
  for (const found of text.slice(0, from).matchAll(sentenceEnd)) {
    const after = found.index + found[0].length;
    if (after >= start) { start = after; cutStart = false; }
  }
  if (cutStart) {
    // Start at the next word, unless that leaves nothing of the reach.
    const space = text.slice(start, from).search(/\s/);
    if (space >= 0 && start + space < from) start += space;
    if (splitsPair(text, start)) start++;
  }

  // After: on to where the sentence ends, if that is near enough.
  let end = Math.min(text.length, to + reach);
  let cutEnd = end < text.length;
  sentenceEnd.lastIndex = 0;
  const next = sentenceEnd.exec(text.slice(to));
  if (next && to + next.index + next[0].length <= end) {
    end = to + next.index + (next[0] === '\n' ? 0 : next[0].length);
    cutEnd = false;
  }
  if (cutEnd) {
    const window = text.slice(to, end);
    const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\n'), window.lastIndexOf('\t'));
    if (space > 0) end = to + space;
    if (splitsPair(text, end)) end--;
  }

  return { before: text.slice(start, from).trimStart(), after: text.slice(to, end).trimEnd(), cutStart, cutEnd };
}
