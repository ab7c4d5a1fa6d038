// Lesson packs against their limits: how long `lessons validate <pack>` and `list --lessons <pack>`
// take on the installed package for a typical pack (examples/lesson-pack, 2 lessons) copied 1×,
// 10× and 100× (200 lessons, the file limit), and for a pack at the byte limit made of heavy
// lessons (12 parts each, a section for every frame with placeholders and a checkpoint), against
// `node -e 0` in the same run. Rounds interleave; figures are medians. It prints figures; it is not
// a test. `node bench/lesson-packs.mjs [rounds]` (default 5).
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {installed, root} from './lib/installed.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function time(command, args) {
  const started = performance.now();
  const result = spawnSync(command, args, {encoding: 'utf8', env: {...process.env, HS_TUTOR_HOME: mkdtempSync(join(tmpdir(), 'hs-tutor-bench-home-'))}});
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

/** The example pack `copies` times, each lesson with its own id. */
function typicalPack(folder, copies) {
  mkdirSync(folder);
  const example = join(root, 'examples', 'lesson-pack');
  for (let i = 1; i <= copies; i++) {
    for (const name of readdirSync(example).filter((n) => /^\d.*\.md$/.test(n))) {
      const text = readFileSync(join(example, name), 'utf8').replace(/^id: (.*)$/m, `id: $1-c${i}`);
      writeFileSync(join(folder, name.replace(/\.md$/, `-c${i}.md`)), text);
    }
  }
}

/** Heavy lessons up to the pack's byte limit: every frame of 12 scenarios narrated, with placeholders and checkpoints. */
function heavyPack(folder, bin, limitBytes) {
  mkdirSync(folder);
  const scenarios = ['tls13', 'tls12', 'tfo-tls13', 'tcp-close', 'quic', 'tls13-psk', 'tcp-handshake', 'tls13-hrr', 'tcp-modern', 'tls12-client-auth', 'tfo-cookie', 'quic-0rtt'];
  const frames = Object.fromEntries(scenarios.map((s) => [s, JSON.parse(spawnSync(bin, ['show', s, '--json'], {encoding: 'utf8'}).stdout).frames.map((f) => f.id)]));
  let total = 0;
  for (let i = 0; ; i++) {
    let text = `---\nid: heavy-${i}\ntitle: Heavy ${i}\nparts:\n${scenarios.map((s, j) => `  - id: p${j}\n    scenario: ${s}\n`).join('')}---\nIntro {{part p0 summary.requestSentRtt}}.\n`;
    scenarios.forEach((s, j) => {
      text += `\n# @part p${j}\n\nThe request leaves at {{summary.requestSentRtt}} RTT; {{count}} frames.\n`;
      for (const id of frames[s]) {
        text += `\n## @${id}\n{{frame label}} from {{frame from}} at {{frame sendMs}} ms ({{frame sendRtt}} RTT); {{count ${id}..}} frames from here. ${'Words of narration. '.repeat(25)}\n`;
        if (!s.startsWith('quic')) text += '\n```checkpoint\nask: What state is the client in now?\nexpect: after client.tcp\n```\n';
      }
    });
    if (total + text.length > limitBytes) return i;
    writeFileSync(join(folder, `heavy-${String(i).padStart(3, '0')}.md`), text);
    total += text.length;
  }
}

export async function lessonPacks(bin, rounds = 5) {
  const work = mkdtempSync(join(tmpdir(), 'hs-tutor-bench-packs-'));
  try {
    const packs = [];
    for (const copies of [1, 10, 100]) {
      typicalPack(join(work, `typical-${copies}`), copies);
      packs.push({name: `typical ×${copies} (${copies * 2} lessons)`, folder: join(work, `typical-${copies}`)});
    }
    const heavy = heavyPack(join(work, 'heavy'), bin, 1024 * 1024);
    const bytes = readdirSync(join(work, 'heavy')).reduce((n, f) => n + statSync(join(work, 'heavy', f)).size, 0);
    packs.push({name: `heavy at the 1 MiB limit (${heavy} lessons of 12 parts)`, folder: join(work, 'heavy')});
    const times = {base: [], ...Object.fromEntries(packs.map((p) => [p.name, {validate: [], list: []}]))};
    for (let r = 0; r < rounds; r++) {
      times.base.push(time(process.execPath, ['-e', '0']));
      for (const p of packs) {
        times[p.name].validate.push(time(bin, ['lessons', 'validate', p.folder]));
        times[p.name].list.push(time(bin, ['list', '--lessons', p.folder]));
      }
    }
    const base = median(times.base);
    return {base, bytes, packs: packs.map((p) => ({name: p.name, validate: median(times[p.name].validate), list: median(times[p.name].list)}))};
  } finally {
    rmSync(work, {recursive: true, force: true});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pkg = installed();
  try {
    const result = await lessonPacks(pkg.bin, Number(process.argv[2] ?? 5));
    console.log(`| pack | lessons validate | list --lessons |\n|---|---|---|`);
    console.log(`| (node -e 0) | ${result.base.toFixed(0)} ms | |`);
    for (const p of result.packs) console.log(`| ${p.name} | ${p.validate.toFixed(0)} ms (${(p.validate / result.base).toFixed(1)}×) | ${p.list.toFixed(0)} ms (${(p.list / result.base).toFixed(1)}×) |`);
  } finally {
    pkg.cleanup();
  }
}
