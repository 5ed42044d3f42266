/** A run of text that is the same in both versions, only in the old one, or only in the new one. */
export interface DiffPart { kind: 'same' | 'removed' | 'added'; text: string }

/** Beyond this many cells of the comparison table a changed stretch is shown as removed then added, whole. */
const maxCells = 2_000_000;

/**
 * What changed from `before` to `after`: a line diff, with each changed stretch compared again word by word,
 * so a one-word edit in a long paragraph shows as that word. Parts of one kind are merged.
 */
export function diffText(before: string, after: string): DiffPart[] {
  // The word pass works on each changed stretch between two unchanged ones.
  const result: DiffPart[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length === 0 && added.length === 0) return;
    for (const part of diffTokens(words(removed.join('')), words(added.join('')))) push(result, part.kind, part.tokens.join(''));
    removed = [];
    added = [];
  };
  for (const part of diffTokens(lines(before), lines(after))) {
    if (part.kind === 'same') {
      flush();
      push(result, 'same', part.tokens.join(''));
    } else if (part.kind === 'removed') {
      removed.push(...part.tokens);
    } else {
      added.push(...part.tokens);
    }
  }
  flush();
  return result;
}

/** Lines with their line breaks kept. */
export function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Words, runs of spaces and single other characters (punctuation, line breaks) — joined they give the text back. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+|[^\S\n]+|\n|[^\p{L}\p{N}_\s]/gu) ?? [];
}

interface TokenPart { kind: DiffPart['kind']; tokens: string[] }

/** A longest-common-subsequence diff of two token lists (common ends trimmed first). */
export function diffTokens(a: string[], b: string[]): TokenPart[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }

  const parts: TokenPart[] = [];
  const add = (kind: DiffPart['kind'], token: string) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.tokens.push(token);
    else parts.push({ kind, tokens: [token] });
  };
  for (const token of a.slice(0, start)) add('same', token);

  const n = endA - start;
  const m = endB - start;
  if (n * m > maxCells) {
    for (const token of a.slice(start, endA)) add('removed', token);
    for (const token of b.slice(start, endB)) add('added', token);
  } else {
    // lengths[i][j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB).
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * width + j] = a[start + i] === b[start + j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) { add('same', a[start + i]); i++; j++; }
      else if (i < n && (j === m || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])) { add('removed', a[start + i]); i++; }
      else { add('added', b[start + j]); j++; }
    }
  }

  for (const token of a.slice(endA)) add('same', token);
  return parts;
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (text === '') return;
  const last = parts.at(-1);
  if (last?.kind === kind) last.text += text;
  else parts.push({ kind, text });
}
