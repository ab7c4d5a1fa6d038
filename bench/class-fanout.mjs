// Fan-out latency of class mode: how long after the instructor moves does each of 100 students
// have the new frame? A host in this process, 100 headless students (src/class's client) in a
// child process, on 127.0.0.1; the time is taken from just before the host's setPosition to the
// moment each student's client has parsed, checked and applied the frame. Prints figures; it is
// not a test. `node bench/class-fanout.mjs [students] [steps] [--flood]` (defaults 100 and 60). With
// --flood a third process guesses the code from 40 addresses (127.0.0.2–41) all the while, each
// connection running the whole v2 handshake with a wrong code, as fast as the host answers. All the
// students share one process here, so the last of them waits for the others' parsing: on real
// machines, each student has its own CPU and the whole-class figure is closer to the per-student one.
//
// It bundles src/class with esbuild into a temporary folder first, so it runs on the sources as
// they are, whatever dist/ holds.
import {fork} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const now = () => performance.timeOrigin + performance.now();

async function loadClass(out) {
  const file = join(out, 'class.mjs');
  if (!process.env.HS_BENCH_CLASS) {
    const esbuild = await import('esbuild');
    await esbuild.build({
      absWorkingDir: root,
      stdin: {contents: "export * from './src/class/index.ts'; export {FrameReader, StudentLink} from './src/class/handshake.ts'; export {resolveKnobs} from './src/engine/knobs.ts';", resolveDir: root, loader: 'ts'},
      outfile: file,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      // CommonJS dependencies bundled into ESM call require (as in scripts/build.mjs).
      banner: {js: "import {createRequire as __benchRequire} from 'node:module'; const require = __benchRequire(import.meta.url);"},
    });
  }
  return import(pathToFileURL(process.env.HS_BENCH_CLASS ?? file).href);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (x) => `${x.toFixed(2)} ms`;

if (process.argv[2] === '--guesser') {
  // The flood: 40 addresses, each guessing again as soon as the host has answered the last guess.
  const [, , , port, code] = process.argv;
  const {FrameReader, StudentLink} = await import(pathToFileURL(process.env.HS_BENCH_CLASS).href);
  const {connect} = await import('node:net');
  const wrong = String((Number(code) + 1) % 1e12).padStart(12, '0');
  const told = {};
  let guesses = 0;
  let stop = false;
  const guess = (address) =>
    new Promise((resolve) => {
      const socket = connect({host: '127.0.0.1', port: Number(port), localAddress: address});
      const link = new StudentLink(wrong);
      const reader = new FrameReader(1 << 16);
      socket.on('error', () => {});
      socket.on('connect', () => socket.write(link.hello()));
      socket.on('data', (chunk) => {
        for (const frame of reader.push(chunk).frames) {
          const out = link.receive(frame);
          for (const reply of out.reply) socket.write(reply);
          if (out.message?.type === 'bye') {
            const why = out.message.reason.startsWith('wrong join code') ? 'wrong code' : out.message.reason.startsWith('too many wrong codes') ? 'told to wait' : 'other';
            told[why] = (told[why] ?? 0) + 1;
          }
        }
      });
      socket.on('close', () => {
        guesses++;
        resolve();
      });
    });
  const loops = Array.from({length: 40}, async (_, i) => {
    while (!stop) await guess(`127.0.0.${i + 2}`);
  });
  process.send({started: true});
  process.on('message', async (message) => {
    if (message !== 'done') return;
    stop = true;
    await Promise.all(loops);
    process.send({guesses, told}, () => process.exit(0));
  });
} else if (process.argv[2] === '--students') {
  // The child: join, then note when each frame arrives.
  const [, , , port, code, count] = process.argv;
  const {ClassClient} = await import(pathToFileURL(process.env.HS_BENCH_CLASS).href);
  const arrivals = [];
  const clients = Array.from({length: Number(count)}, (_, i) => new ClassClient({host: '127.0.0.1', port: Number(port), code, name: `student ${i + 1}`}));
  for (const client of clients) client.subscribe((event) => event.type === 'frame' && arrivals.push([event.seq, now()]));
  await Promise.all(clients.map((c) => c.start()));
  process.send({joined: clients.length});
  process.on('message', (message) => {
    if (message !== 'done') return;
    for (const c of clients) c.close();
    process.send({arrivals}, () => process.exit(0));
  });
} else {
  const args = process.argv.slice(2).filter((a) => a !== '--flood');
  const flood = process.argv.includes('--flood');
  const students = Number(args[0] ?? 100);
  const steps = Number(args[1] ?? 60);
  const out = mkdtempSync(join(tmpdir(), 'hs-bench-'));
  try {
    const cls = await loadClass(out);
    const knobs = cls.resolveKnobs({tls: '1.3'}, {});
    const narration = 'The client sends its ClientHello with a key share, so the server can answer with its own and finish in one round trip. '.repeat(3);
    const at = (frame) => ({
      lesson: {id: 'tls13', title: 'TLS 1.3: one round trip', parts: [{title: 'TLS 1.3', scenario: 'tls13', knobs}]},
      part: 0,
      knobs,
      rttMs: 100,
      frame,
      frameId: `frame-${frame}`,
      narration,
    });
    // Every student comes from 127.0.0.1 here, so the per-address caps are lifted to the class's size.
    const host = await cls.ClassHost.start(at(0), {port: 0, host: '127.0.0.1', limits: {maxPendingPerAddress: students, maxPending: students, maxJoinedPerAddress: students}});
    const child = fork(fileURLToPath(import.meta.url), ['--students', String(host.address().port), host.code, String(students)], {env: {...process.env, HS_BENCH_CLASS: join(out, 'class.mjs')}});
    const fromChild = () => new Promise((resolve) => child.once('message', resolve));
    await fromChild();
    let guesser = null;
    const started = performance.now();
    if (flood) {
      guesser = fork(fileURLToPath(import.meta.url), ['--guesser', String(host.address().port), host.code], {env: {...process.env, HS_BENCH_CLASS: join(out, 'class.mjs')}});
      await new Promise((resolve) => guesser.once('message', resolve));
      // Let the budget run dry first: the fan-out is measured while guesses are being turned away.
      await new Promise((r) => setTimeout(r, 500));
    }
    const line = Buffer.byteLength(JSON.stringify({type: 'frame', seq: 1, at: at(1)})) + 1;

    const sent = new Map();
    const hostTimes = [];
    for (let step = 1; step <= steps; step++) {
      // Spaced out, as an instructor steps: each fan-out is measured on its own, not queued behind the last.
      await new Promise((r) => setTimeout(r, 40));
      const t = now();
      host.setPosition(at(step));
      hostTimes.push(now() - t);
      sent.set(host.snapshot.seq, t);
    }
    await new Promise((r) => setTimeout(r, 300));
    let flooded = null;
    if (guesser) {
      const stats = new Promise((resolve) => guesser.once('message', resolve));
      guesser.send('done');
      flooded = {...(await stats), seconds: (performance.now() - started) / 1000, refused: host.snapshot.refused};
    }
    child.send('done');
    const {arrivals} = await fromChild();
    await host.stop();

    const latencies = [];
    const lastBySeq = new Map();
    for (const [seq, t] of arrivals) {
      const start = sent.get(seq);
      if (start === undefined) continue;
      const latency = t - start;
      latencies.push(latency);
      lastBySeq.set(seq, Math.max(lastBySeq.get(seq) ?? 0, latency));
    }
    latencies.sort((a, b) => a - b);
    const lasts = [...lastBySeq.values()].sort((a, b) => a - b);
    const expected = students * steps;
    console.log(`class fan-out: ${students} students, ${steps} frames, one ${line}-byte frame line each, 127.0.0.1, Node ${process.versions.node}`);
    console.log(`  deliveries: ${latencies.length} of ${expected}`);
    console.log(`  per student: median ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1))}`);
    hostTimes.sort((a, b) => a - b);
    console.log(`  host side (encode once, seal for each of ${students}, non-blocking writes): median ${ms(percentile(hostTimes, 50))}, p95 ${ms(percentile(hostTimes, 95))}`);
    console.log(`  whole class (the last of ${students} to have the frame): median ${ms(percentile(lasts, 50))}, p95 ${ms(percentile(lasts, 95))}`);
    if (flooded) {
      const told = Object.entries(flooded.told).map(([why, n]) => `${n} ${why}`).join(', ');
      console.log(`  under a guessing flood from 40 addresses: ${flooded.guesses} guesses in ${flooded.seconds.toFixed(1)} s (${told}); host counted ${JSON.stringify(flooded.refused)}`);
    }
  } finally {
    rmSync(out, {recursive: true, force: true});
  }
}
