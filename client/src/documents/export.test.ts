import { describe, expect, it } from 'vitest';
import { fileNameFrom } from './export';

describe('fileNameFrom', () => {
  it('prefers the UTF-8 name the server sends', () => {
    expect(fileNameFrom("attachment; filename=\"Plan B C a_o.docx\"; filename*=UTF-8''Plan%20B%20C%20a%C3%B1o.docx", 'document.docx')).toBe('Plan B C año.docx');
  });

  it('falls back to the plain name, then to the fallback', () => {
    expect(fileNameFrom('attachment; filename=report.md', 'document.md')).toBe('report.md');
    expect(fileNameFrom(null, 'document.md')).toBe('document.md');
    expect(fileNameFrom("attachment; filename*=UTF-8''%E0%A4%A", 'document.md')).toBe('document.md');
  });

  it('keeps no path, quote or control character whatever the header says', () => {
    expect(fileNameFrom("attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd%0D%0A.md", 'document.md')).toBe('etc passwd .md');
    expect(fileNameFrom("attachment; filename*=UTF-8''%2F%5C%22", 'x.md')).toBe('x.md');
  });
});
