// The README's lesson sections stay true: every built-in lesson is listed, every key and query of
// the format is documented, and the example lesson it shows passes the validator.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {fileURLToPath} from 'node:url';
import {compileLesson, loadCurriculum, validateLessonFolder} from '../../src/curriculum/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const writing = readme.slice(readme.indexOf('## Writing lessons'), readme.indexOf('## Frame ids and state names'));

describe('README and the curriculum', () => {
  it('lists every built-in lesson, in the default order', () => {
    const ids = loadCurriculum({env: {}}).lessons.map((l) => l.id);
    const section = readme.slice(readme.indexOf('## Lessons'), readme.indexOf('## Writing lessons'));
    const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \| .* \| .* \|$/gm)].map((m) => m[1]).filter((id) => ids.includes(id ?? ''));
    expect(rows).toEqual(ids);
  });

  it('documents every front-matter key, section marker, query and block', () => {
    for (const key of ['id', 'title', 'scenario', 'set', 'parts', 'summary', 'objectives', 'takeaways', 'references']) expect(writing).toContain(`\`${key}\``);
    for (const marker of ['# @part 2', '## @<frame-id>', '## @end', 'when close=three-way']) expect(writing).toContain(marker);
    for (const query of ['summary.requestSentRtt', 'frame <id> <field>', 'after <id>', 'next <id>', 'count', 'messages <side>', 'enter <side>', 'dwell <side>', 'elapsed <id>', 'knob <name>', 'part <n', '+ <n>']) {
      expect(writing).toContain(query);
    }
    for (const key of ['ask', 'expect', 'answer', 'choices', 'explain', 'claim', 'actually', 'why', 'source']) expect(writing).toContain(`\`${key}\``);
  });

  it('shows an example lesson that passes the validator', () => {
    const example = /````markdown\n([\s\S]*?)\n````/.exec(writing)?.[1];
    expect(example).toBeDefined();
    const result = compileLesson({file: 'README example', text: example ?? '', source: 'readme'});
    expect(result.problems).toEqual([]);
    expect(result.lesson?.id).toBe('handshake-numbers');
  });

  it('ships an example pack that passes lessons validate', () => {
    const pack = validateLessonFolder(fileURLToPath(new URL('../../examples/lesson-pack', import.meta.url)));
    expect(pack.problems).toEqual([]);
    expect(pack.lessons.map((l) => l.id)).toEqual(['seq-drill', 'tls-versions']);
    const play = pack.lessons[1]!.play();
    expect(play.takeaways).toEqual(['TLS 1.2 sends the request at 3 RTT, TLS 1.3 at 2 RTT.']);
  });
});
