import { t } from '../i18n';
import { h } from '../ui/dom';

/** A short Markdown cheat sheet beside the editor: a closed disclosure, so it costs one line until asked for. */
export function formatHelp(): HTMLDetailsElement {
  const rows: [string, string][] = [
    [t('live.help.heading'), `# ${t('live.help.headingSample')}`],
    [t('live.help.bold'), `**${t('live.help.boldSample')}**`],
    [t('live.help.italic'), `*${t('live.help.italicSample')}*`],
    [t('live.help.list'), `- ${t('live.help.itemSample')}`],
    [t('live.help.numbered'), `1. ${t('live.help.itemSample')}`],
    [t('live.help.link'), `[${t('live.help.linkSample')}](https://example.org)`],
    [t('live.help.table'), '| A | B |\n|---|---|\n| 1 | 2 |'],
    [t('live.help.footnote'), `${t('live.help.linkSample')}[^1]\n\n[^1]: ${t('live.help.footnoteSample')}`],
  ];
  return h('details', { class: 'format-help' },
    h('summary', {}, t('live.help.summary')),
    h('dl', {}, ...rows.flatMap(([what, how]) => [h('dt', {}, what), h('dd', {}, h('code', {}, how))])));
}
