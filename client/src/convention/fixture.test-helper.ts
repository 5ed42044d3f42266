// The catalogue as GET /api/convention answers it, built from the same uncac.json the server embeds.
import uncac from '../../../src/Workspace.Convention/uncac.json';
import type { Convention } from './catalogue';

export function testConvention(): Convention {
  return {
    sources: uncac.sources,
    cycles: uncac.cycles,
    chapters: uncac.chapters.map((c) => ({
      ...c,
      articles: uncac.articles.filter((a) => a.number >= c.first && a.number <= c.last),
    })),
  };
}
