// End-to-end: a class as an instructor runs it on one machine, with the real binary in three
// tmux terminals (host and two students, CI unset) and a fourth connection sending garbage.
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ClassClient} from '../../src/class/client.js';
import {tmuxSessions} from '../helpers/tmux.js';

const session = tmuxSessions();

/** Sends bytes no hs-tutor would send, and waits until the host hangs up. */
async function garbage(port: number): Promise<void> {
  const socket = connect({host: '127.0.0.1', port});
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write('\u001b[2J\u0000\u00ff{"type":"frame"}\nGET / HTTP/1.1\r\n\r\n');
  await new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.resume();
  });
}

describe('a class in three terminals', {timeout: 120_000}, () => {
  it('the instructor steps and pushes a question; both students follow and answer; the histogram and the CSV have both answers', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'hs-tutor-class-')), 'results.csv');
    const host = session();
    host.start(`class host --host 127.0.0.1 --port 0 --lesson tls13 --csv ${csv}`, {columns: 140, rows: 40});
    const banner = await host.waitFor(/hs-tutor class join 127\.0\.0\.1:\d+ --code \d{12}/);
    expect(banner).toContain('Students, type this in a terminal to join:');
    const line = /hs-tutor (class join 127\.0\.0\.1:(\d+) --code \d{12})/.exec(banner)!;
    const port = Number(line[2]);

    const ana = session();
    const bo = session();
    ana.start(`${line[1]} --name Ana`);
    bo.start(`${line[1]} --name Bo`);
    await host.waitFor('2 connected');
    host.keys('Enter');
    await host.waitFor(/● Ana +following/);
    await host.waitFor(/● Bo +following/);

    host.keys('Right', 'Right', 'Right');
    await host.waitFor('frame 4/');
    for (const student of [ana, bo]) {
      const screen = await student.waitFor('frame 4/');
      expect(screen).toContain('● Following the instructor');
    }

    // A fourth terminal sends garbage: it is turned away, and the class goes on.
    await garbage(port);
    await host.waitFor('Turned away: too long 1');
    host.keys('Right');
    await host.waitFor('frame 5/');
    await ana.waitFor('frame 5/');
    await bo.waitFor('frame 5/');

    host.keys('a');
    await host.waitFor('Push a question to every student');
    host.keys('Enter');
    await ana.waitFor('Question from the instructor');
    await bo.waitFor('Question from the instructor');
    ana.keys('1');
    bo.keys('2');
    await ana.waitFor('You answered 1');
    await bo.waitFor('You answered 2');
    const histogram = await host.waitFor('2 answered');
    expect(histogram).toMatch(/ 1 .+ █+ 1/);
    expect(histogram).toMatch(/ 2 .+ █+ 1/);
    expect(histogram).toMatch(/[✓ ]1 .+ █+ 1/);
    // Both answers are on disk already, before the class ends: a host killed now loses neither.
    await host.waitFor(() => existsSync(csv) && /,Ana,/.test(readFileSync(csv, 'utf8')) && /,Bo,/.test(readFileSync(csv, 'utf8')));

    host.keys('r');
    await host.waitFor('revealed');
    for (const student of [ana, bo]) expect(await student.waitFor(/Right!|Not quite: the answer is \d\./)).toMatch(/[✓✗]\d .+█+ 1/);

    host.keys('q');
    await host.waitFor('End the class?');
    host.keys('y');
    const end = await host.waitFor(/EXIT=\d+/);
    expect(end).toContain('EXIT=0');
    expect(end).toContain(`The class has ended. Saved 1 question and 2 students to ${csv}.`);
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('question,source,prompt,right_answer,student,answer,correct,seconds,first_answer');
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['1', '1']);
    expect(rows.some((r) => r.includes(',Ana,'))).toBe(true);
    expect(rows.some((r) => r.includes(',Bo,'))).toBe(true);
    await ana.waitFor('the instructor ended the class');
    ana.keys('q');
    const left = await ana.waitFor(/EXIT=\d+\n-?icanon/);
    expect(left).toContain('EXIT=0');
    expect(left).toMatch(/^icanon echo\s*$/m);
  });

  it('a wrong code is refused with one sentence and exit 1', async () => {
    const host = session();
    host.start(`class host --host 127.0.0.1 --port 0 --lesson tcp-handshake --csv ${join(mkdtempSync(join(tmpdir(), 'hs-tutor-class-')), 'results.csv')}`, {columns: 140, rows: 40});
    const banner = await host.waitFor(/hs-tutor class join 127\.0\.0\.1:\d+ --code \d{12}/);
    const [, port, code] = /127\.0\.0\.1:(\d+) --code (\d{12})/.exec(banner)!;
    const wrong = session();
    wrong.start(`class join 127.0.0.1:${port} --code ${code === '000000000000' ? '111111111111' : '000000000000'} --name Eve`, {columns: 200, rows: 20});
    const refused = await wrong.waitFor(/EXIT=\d+/);
    expect(refused).toContain(`hs-tutor: Could not join the class at 127.0.0.1:${port}: wrong join code; check the code on the instructor's screen.`);
    expect(refused).toContain('EXIT=1');
  });

  it('kill -9 of the host loses no answer, and --resume reopens the class at its frame with its roster, code and answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-tutor-class-'));
    const csv = join(dir, 'results.csv');
    const journal = join(dir, 'results.journal');
    const host = session();
    host.start(`class host --host 127.0.0.1 --port 0 --lesson tls13 --csv ${csv}`, {columns: 140, rows: 40});
    const [, port, code] = /127\.0\.0\.1:(\d+) --code (\d{12})/.exec(await host.waitFor(/hs-tutor class join 127\.0\.0\.1:\d+ --code \d{12}/))!;
    // Three students in this process: their programs reconnect as the real one does (faster here).
    const names = ['Ana', 'Bo', 'Cy'];
    const students = names.map((name) => new ClassClient({host: '127.0.0.1', port: Number(port), code: code!, name, backoff: {firstMs: 20, maxMs: 200}}));
    try {
      await Promise.all(students.map((s) => s.start()));
      await host.waitFor('3 connected');
      host.keys('Enter', 'Right', 'Right');
      await host.waitFor('frame 3/');
      host.keys('a');
      await host.waitFor('Push a question to every student');
      host.keys('Enter');
      const answered = (n: number) => (screen: string) => screen.includes(`${n} answered`);
      for (const s of students) await (async () => {
        while (s.state.question === null) await new Promise((r) => setTimeout(r, 10));
      })();
      students.forEach((s, i) => s.answer(i % 2));
      await host.waitFor(answered(3));

      process.kill(host.programPid(), 'SIGKILL');
      await host.waitFor('EXIT=137');
      const lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
      expect(lines.filter((l) => l.includes('"type":"answer"'))).toHaveLength(3);

      const again = session();
      again.start(`class host --resume ${journal}`, {columns: 140, rows: 40});
      // The same line to type, so students who never left their seats are back by themselves.
      await again.waitFor(`hs-tutor class join 127.0.0.1:${port} --code ${code}`);
      await again.waitFor('3 connected');
      again.keys('Enter');
      const screen = await again.waitFor(answered(3));
      expect(screen).toContain('frame 3/');
      for (const name of names) expect(screen).toMatch(new RegExp(`● ${name} +following`));
      expect(students.map((s) => s.state.chosen)).toEqual([0, 1, 0]);
      again.keys('r');
      await again.waitFor('revealed');
      again.keys('q', 'y');
      const end = await again.waitFor(/EXIT=\d+/);
      expect(end).toContain('EXIT=0');
      expect(end.replace(/\n/g, '')).toContain(`To reopen it: hs-tutor class host --resume ${journal}`);
      // Ending the class writes its summary, from the journal.
      expect(end).toMatch(/1 question, 3 students: \d+% right on average\./);
      expect(end.replace(/\n/g, '')).toContain(`The whole report: hs-tutor class report ${journal}`);
      const rows = readFileSync(csv, 'utf8').trimEnd().split('\r\n').slice(1);
      expect(rows).toHaveLength(3);
      for (const name of names) expect(rows.some((r) => r.includes(`,${name},`) && /,(yes|no),/.test(r))).toBe(true);
    } finally {
      for (const s of students) s.close();
    }
  });
});
