// The loader and validator: every kind of problem is reported with its file, line and a fix,
// and a broken file never takes the good ones down with it.
import {mkdtempSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {MAX_FILES_PER_FOLDER, MAX_FOLDER_BYTES, readLessonFolder} from '../../src/curriculum/files.js';
import {buildCurriculum, compileLesson, MAX_LESSON_BYTES, type Problem} from '../../src/curriculum/index.js';

const FILE = 'pack/lesson.md';

/** Compiles `text` (front matter and body) as an instructor's file. */
function check(text: string) {
  return compileLesson({file: FILE, text, source: 'pack'});
}

function only(problems: Problem[]): Problem {
  expect(problems.map((p) => `${p.line}: ${p.message}`)).toHaveLength(1);
  return problems[0]!;
}

const HEAD = '---\nid: sample\ntitle: A sample\nscenario: tcp-handshake\n---\n';

describe('a good lesson', () => {
  it('loads with no problems', () => {
    const result = check(`${HEAD}\nIntro.\n\n## @syn-ack\nAck {{frame tcp.ack}}.\n`);
    expect(result.problems).toEqual([]);
    expect(result.lesson?.id).toBe('sample');
    expect(result.lesson?.parts.map((p) => p.scenario)).toEqual(['tcp-handshake']);
  });

  it('accepts set as a map or as a list of knob=value, and types closeDelayMs as a number', () => {
    const map = check('---\nid: a\ntitle: A\nscenario: tcp-close\nset: {closeDelayMs: 100, timeWait: rfc}\n---\n');
    const list = check('---\nid: a\ntitle: A\nscenario: tcp-close\nset: [closeDelayMs=100, timeWait=rfc]\n---\n');
    expect(map.problems).toEqual([]);
    expect(list.problems).toEqual([]);
    expect(map.lesson?.parts[0]?.setKnobs).toEqual({closeDelayMs: 100, timeWait: 'rfc'});
    expect(list.lesson?.parts[0]?.knobs).toEqual(map.lesson?.parts[0]?.knobs);
  });
});

describe('problems in the front matter (the lesson does not load)', () => {
  it.each([
    ['no front matter', '# Just markdown\n', 1, /must start with YAML front matter/],
    ['unclosed front matter', '---\nid: a\ntitle: A\n', 1, /never closed/],
    ['bad YAML', '---\nid: a\ntitle: A\nscenario: [tcp-handshake\n---\n', 4, /bad YAML.*close the '\['/],
    ['a colon inside a value', '---\nid: a\ntitle: Why: because\nscenario: tcp-handshake\n---\n', 3, /value of 'title' contains ': '.*double quotes/],
    ['missing id', '---\ntitle: A\nscenario: tcp-handshake\n---\n', 2, /no 'id'/],
    ['an id that is not kebab-case', '---\nid: My Lesson\ntitle: A\nscenario: tcp-handshake\n---\n', 2, /not kebab-case/],
    ['missing title', '---\nid: a\nscenario: tcp-handshake\n---\n', 2, /no 'title'.*title: /],
    ['neither scenario nor parts', '---\nid: a\ntitle: A\n---\n', 2, /no 'scenario' \(or 'parts'\)/],
    ['both scenario and parts', '---\nid: a\ntitle: A\nscenario: tls13\nparts:\n  - scenario: tls12\n---\n', 5, /both 'scenario' and 'parts'/],
    ['unknown scenario', '---\nid: a\ntitle: A\nscenario: tls31\n---\n', 4, /unknown scenario 'tls31'; did you mean 'tls13'\?/],
    ['unknown knob', '---\nid: a\ntitle: A\nscenario: tls13\nset:\n  hrr: "on"\n  earlydata: accepted\n---\n', 7, /unknown knob 'earlydata'; did you mean 'earlyData'\?/],
    ['unknown knob value', '---\nid: a\ntitle: A\nscenario: tls13\nset: {hrr: yes}\n---\n', 5, /unknown value 'yes' for hrr.*use one of off, on/],
    ['a YAML boolean for on', '---\nid: a\ntitle: A\nscenario: tls13\nset: {hrr: true}\n---\n', 5, /in quotes/],
    ['an impossible knob combination', '---\nid: a\ntitle: A\nscenario: tls13\nset: {earlyData: accepted}\n---\n', 5, /earlyData=accepted needs a ticket.*resume=on/],
    ['an unknown scenario in a part', '---\nid: a\ntitle: A\nparts:\n  - scenario: tls13\n  - scenario: tcp-clsoe\n---\n', 6, /unknown scenario 'tcp-clsoe' in part 2; did you mean 'tcp-close'\?/],
    ['two parts with one id', '---\nid: a\ntitle: A\nparts:\n  - {id: x, scenario: tls13}\n  - {id: x, scenario: tls12}\n---\n', 6, /both have the id 'x'/],
  ])('%s', (_what, text, line, message) => {
    const result = check(text);
    expect(result.lesson).toBeNull();
    const problem = result.problems.find((p) => p.severity === 'error');
    expect(problem, JSON.stringify(result.problems)).toBeDefined();
    expect(problem?.file).toBe(FILE);
    expect(problem?.line).toBe(line);
    expect(problem?.message).toMatch(message);
  });

  it('refuses YAML that expands aliases without bound (a "billion laughs")', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`)];
    const result = check(`---\nid: a\ntitle: A\nscenario: tls13\n${bomb.join('\n')}\n---\n`);
    expect(result.lesson).toBeNull();
    expect(result.problems.some((p) => /aliases/.test(p.message))).toBe(true);
  });

  it('refuses a file over the size cap without parsing it', () => {
    const result = check(`${HEAD}${'x'.repeat(MAX_LESSON_BYTES)}`);
    expect(only(result.problems).message).toMatch(/KiB.*split it/);
    expect(result.lesson).toBeNull();
  });

  it('reports every problem of a file, not only the first', () => {
    const result = check('---\nid: Bad Id\nscenario: tls31\n---\n\n## @Syn\n');
    expect(result.problems.map((p) => p.line)).toEqual([2, 2, 3, 6]);
  });
});

describe('problems in the body (the lesson loads without the faulty piece)', () => {
  it('an unknown frame id suggests the closest id of that part, and lists them when none is close', () => {
    const result = check(`${HEAD}\n## @syn-ak\nText.\n\n## @zzz\nText.\n`);
    expect(result.lesson).not.toBeNull();
    const [typo, far] = result.problems;
    expect(typo).toMatchObject({line: 7, severity: 'warning'});
    expect(typo?.message).toMatch(/unknown frame id 'syn-ak': part 1 \(tcp-handshake\) has no such frame; did you mean 'syn-ack'\?/);
    expect(far?.line).toBe(10);
    expect(far?.message).toMatch(/its frames are syn, syn-ack, ack, request, response, ack-response/);
  });

  it('checks a frame id under its when condition', () => {
    const ok = check(`${HEAD}\n## @fin when close=four-way\nText.\n`);
    expect(ok.problems).toEqual([]);
    const bad = check(`${HEAD}\n## @fin when close=fourway\nText.\n`);
    expect(only(bad.problems)).toMatchObject({line: 7});
    expect(bad.problems[0]?.message).toMatch(/Unknown value 'fourway' for close/);
  });

  it.each([
    ['an unknown query word', '{{frme syn tcp.seq}}', /'frme' does not start a query \(did you mean 'frame'\?\)/],
    ['an unknown field', '{{frame syn seq}}', /unknown frame field 'seq'; did you mean 'tcp.seq'\?/],
    ['an unknown frame', '{{frame syn-ak tcp.ack}}', /no frame 'syn-ak' in part 1 \(tcp-handshake\); did you mean 'syn-ack'\?/],
    ['a frame-relative query outside a frame', '{{after server.tcp}}', /only works in a frame's narration/],
    ['an empty value', '{{after syn server.tls}}', /no tls state.*without TLS/],
    ['an unknown part', '{{part 3 summary.requestSentRtt}}', /no part 3/],
    ['an unclosed placeholder', 'the ack {{frame syn-ack tcp.ack is', /not closed on the same line/],
    ['a bare field', '{{tcp.ack}}', /write 'frame tcp.ack'/],
  ])('a placeholder with %s', (_what, placeholder, message) => {
    const result = check(`${HEAD}\nIntro line.\n${placeholder}\n`);
    const problem = only(result.problems);
    expect(problem.line).toBe(8);
    expect(problem.message).toMatch(message);
    expect(result.lesson).not.toBeNull();
  });

  it('a checkpoint whose answer disagrees with the engine is reported and dropped', () => {
    const result = check(`${HEAD}\n## @syn\nText.\n\n\`\`\`checkpoint\nask: What state is the server in now?\nexpect: after server.tcp\nanswer: LISTEN\n\`\`\`\n`);
    const problem = only(result.problems);
    expect(problem.line).toBe(13);
    expect(problem.message).toMatch(/'LISTEN' disagrees with the engine, which gives 'SYN-RECEIVED'/);
    expect(result.lesson?.sections.find((s) => s.frame === 'syn')?.checkpoints).toEqual([]);
  });

  it('an answer that means the same as the engine is accepted (SYN-RCVD for SYN-RECEIVED)', () => {
    const result = check(`${HEAD}\n## @syn\n\`\`\`checkpoint\nask: State?\nexpect: after server.tcp\nanswer: syn_rcvd\n\`\`\`\n`);
    expect(result.problems).toEqual([]);
  });

  it.each([
    ['no ask', 'expect: after server.tcp', /has no 'ask'/],
    ['neither expect nor choices', 'ask: Why?', /needs 'expect'/],
    ['an answer not among the choices', 'ask: Why?\nchoices: [a, b]\nanswer: c', /'c' is not one of the choices/],
    ['no choice meaning the engine answer', 'ask: State?\nexpect: after server.tcp\nchoices: [LISTEN, CLOSED]', /none of the choices means the engine's answer 'SYN-RECEIVED'/],
    ['a list answer without choices', 'ask: Flags?\nexpect: frame tcp.flags', /is a list.*give 'choices'/],
    ['bad YAML', 'ask: [oops', /bad YAML.*checkpoint block/],
    ['an unknown key', 'ask: State?\nexpect: after server.tcp\nexplian: x', /unknown key 'explian'.*did you mean 'explain'\?/],
  ])('a checkpoint with %s', (_what, yaml, message) => {
    const result = check(`${HEAD}\n## @syn\n\`\`\`checkpoint\n${yaml}\n\`\`\`\n`);
    expect(result.problems.some((p) => message.test(p.message) && p.line >= 8 && p.line <= 12), JSON.stringify(result.problems)).toBe(true);
  });

  it('a correction needs claim, actually and why', () => {
    const result = check(`${HEAD}\n## @syn\n\`\`\`correction\nclaim: It takes 1.5 RTT.\n\`\`\`\n`);
    expect(only(result.problems)).toMatchObject({line: 8});
    expect(result.problems[0]?.message).toMatch(/needs 'actually' and 'why'/);
  });

  it.each([
    ['an unknown part number', '# @part 2\n', 7, /has one part/],
    ['an unknown part id', '# @part cookie\n', 7, /no part has the id 'cookie'/],
    ['a marker that is not a frame id', '## @Syn-Ack\n', 7, /write '@syn-ack'/],
    ['@intro', '## @intro\n', 7, /not a marker/],
    ['an unclosed fence', '## @syn\n```checkpoint\nask: x\n', 8, /never closed/],
    ['an unknown front-matter key', '', 2, /unknown key 'objetives' is ignored; did you mean 'objectives'\?/],
  ])('%s', (what, body, line, message) => {
    const head = what === 'an unknown front-matter key' ? '---\nobjetives: [x]\nid: sample\ntitle: A sample\nscenario: tcp-handshake\n---\n' : HEAD;
    const result = check(`${head}\n${body}`);
    const problem = result.problems.find((p) => message.test(p.message));
    expect(problem, JSON.stringify(result.problems)).toMatchObject({line, severity: 'warning'});
    expect(result.lesson).not.toBeNull();
  });

  it('a second narration for the same frame is reported', () => {
    const result = check(`${HEAD}\n## @syn\nOne.\n\n## @syn\nTwo.\n`);
    expect(only(result.problems)).toMatchObject({line: 10});
    expect(result.problems[0]?.message).toMatch(/already has a section for frame 'syn' \(line 7\)/);
  });

  it('narration longer than a few sentences is reported', () => {
    const result = check(`${HEAD}\n## @syn\n${'word '.repeat(250)}\n`);
    expect(only(result.problems).message).toMatch(/keep it under 1000/);
  });
});

describe('a curriculum of several files', () => {
  const good = {file: 'pack/a.md', text: `---\nid: one\ntitle: One\nscenario: tls13\n---\n`, source: 'pack'};
  const broken = {file: 'pack/b.md', text: `---\nid: two\nscenario: tls13\n---\n`, source: 'pack'};
  const twin = {file: 'pack/c.md', text: `---\nid: one\ntitle: Again\nscenario: tls12\n---\n`, source: 'pack'};
  const builtIn = {file: 'lessons/x.md', text: `---\nid: one\ntitle: Built in\nscenario: tcp-handshake\n---\n`, source: 'built-in'};

  it('keeps the valid lessons when another file is broken', () => {
    const curriculum = buildCurriculum([good, broken]);
    expect(curriculum.lessons.map((l) => l.id)).toEqual(['one']);
    expect(curriculum.problems).toHaveLength(1);
    expect(curriculum.problems[0]).toMatchObject({file: 'pack/b.md', line: 2, severity: 'error'});
  });

  it('reports a duplicate id at the second file, and keeps the first', () => {
    const curriculum = buildCurriculum([good, twin]);
    expect(curriculum.lessons.map((l) => l.title)).toEqual(['One']);
    expect(only(curriculum.problems)).toMatchObject({file: 'pack/c.md', line: 2});
    expect(curriculum.problems[0]?.message).toMatch(/already used by pack\/a\.md/);
  });

  it('never lets a folder shadow a built-in lesson', () => {
    const curriculum = buildCurriculum([builtIn, good]);
    expect(curriculum.find('one')?.source).toBe('built-in');
    expect(only(curriculum.problems).message).toMatch(/already used by the built-in lesson 'Built in'/);
  });

  it('keeps the default order and finds the next lesson', () => {
    const three = {file: 'pack/d.md', text: `---\nid: three\ntitle: Three\nscenario: tls12\n---\n`, source: 'pack'};
    const curriculum = buildCurriculum([good, three]);
    expect(curriculum.next('one')?.id).toBe('three');
    expect(curriculum.next('three')).toBeUndefined();
  });
});

describe('a pack\'s limits, checked before reading', () => {
  it('files past the folder\'s 1 MiB are reported and not read; over-long files are not read at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-tutor-pack-limits-'));
    const body = `\n${'Narration. '.repeat(Math.floor((MAX_LESSON_BYTES - 200) / 11))}\n`;
    for (let i = 0; i < 10; i++) writeFileSync(join(dir, `l${i}.md`), `---\nid: big-${i}\ntitle: Big ${i}\nscenario: tls13\n---${body}`);
    const read = readLessonFolder(dir, 'pack');
    expect(read.files.length).toBe(Math.floor(MAX_FOLDER_BYTES / statSync(join(dir, 'l0.md')).size));
    expect(read.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^the folder's lesson files add up to more than 1 MiB; only the first 8 are read/)]);
    expect(MAX_FILES_PER_FOLDER).toBe(200);
  });
});
