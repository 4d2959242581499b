// The fenced code blocks of a Markdown page, with the snippet marker above each
// (tests/docs/snippets.test.mjs says what the markers mean).

/**
 * The fenced blocks of a Markdown text: { lang, code, line, marker }, where
 * `marker` is `{ kind, arg }` of a `<!-- snippet: kind arg -->` comment on
 * the line above the fence (blank lines not allowed between them).
 */
export function blocksOf(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j].trim().startsWith(fence) && lines[j].trim().replace(/[`~]/g, '') === '')) {
      body.push(indent ? lines[j].replace(new RegExp(`^ {0,${indent.length}}`), '') : lines[j]);
      j++;
    }
    const above = /^<!-- snippet: ([a-z-]+)(?: (.*?))? -->$/.exec(lines[i - 1]?.trim() ?? '');
    blocks.push({
      lang: info.trim().split(/[\s,]/)[0],
      code: body.length ? `${body.join('\n')}\n` : '',
      line: i + 1,
      marker: above ? { kind: above[1], arg: above[2] ?? '' } : undefined,
    });
    i = j;
  }
  return blocks;
}
