// The trace as a ladder diagram in plain text: one arrow per frame between the client's and the
// server's columns, each end labelled with that side's state after the frame (CLI.md "after").
import {nonDefaultKnobs} from '../engine/knobs.js';
import {findPreset} from '../engine/presets.js';
import type {EndpointStates, Frame, Trace} from '../engine/types.js';
import {padEnd, padStart, truncate, width as columnsOf, wrap} from './text.js';

export interface LadderOptions {
  /** Columns available; no line is longer. */
  width: number;
  /** Whether to use ANSI colour (the caller decides: --no-color, NO_COLOR, not a terminal). */
  color?: boolean;
}

const GAP = '  ';
// Arrows stay readable even when long state names compete for the width.
const MIN_ARROW = 12;
const MAX_STATE = 20;
const MIN_LABEL = 8;

const dim = (text: string) => `\x1b[2m${text}\x1b[22m`;
const bold = (text: string) => `\x1b[1m${text}\x1b[22m`;
const red = (text: string) => `\x1b[31m${text}\x1b[39m`;

/** The ladder cut into parts, so the TUI can draw frames up to the current one and mark it. */
export interface LadderLayout {
  /** Scenario, title, RTT, seed and changed knobs. */
  header: string[];
  /** The column heads: ms, RTT, client, server. */
  heads: string;
  /** One entry per frame: its arrow line, and a TLS line under it when a TLS state moved. */
  frames: string[][];
  /** State changes after the last frame (timers), then a blank line and the summary. */
  tail: string[];
}

export function renderLadder(trace: Trace, options: LadderOptions): string {
  const layout = layoutLadder(trace, options);
  const header = options.color ? layout.header.map(bold) : layout.header;
  const frames = layout.frames.flatMap((lines, i) => lines.map((line) => paint(trace.frames[i]!, line, options.color === true)));
  return [...header, '', layout.heads, ...frames, ...layout.tail].join('\n');
}

export function layoutLadder(trace: Trace, {width}: LadderOptions): LadderLayout {
  const frames = trace.frames;
  const lastFrameMs = Math.max(-1, ...frames.map((f) => f.arriveMs ?? f.sendMs));
  const events = trace.events.filter((e) => e.atMs > lastFrameMs);
  const times = [...frames.map((f) => f.sendMs), ...events.map((e) => e.atMs)];

  const msCol = Math.max(2, ...times.map((t) => columnsOf(formatMs(t))));
  const rttCol = Math.max(3, ...times.map((t) => columnsOf(formatRtt(t / trace.rttMs))));
  const timeCols = msCol + 1 + rttCol;
  const available = width - timeCols - 3 * GAP.length;
  const cap = Math.max(0, Math.min(MAX_STATE, Math.floor((available - MIN_ARROW) / 2)));
  const clientCol = Math.min(cap, Math.max(6, ...frames.flatMap((f) => stateLines(f.after.client).map(columnsOf))));
  const serverCol = Math.min(cap, Math.max(6, ...frames.flatMap((f) => stateLines(f.after.server).map(columnsOf))));
  const arrowCol = available - clientCol - serverCol;

  const time = (ms: number) => `${padStart(formatMs(ms), msCol)} ${padStart(formatRtt(ms / trace.rttMs), rttCol)}`;
  const row = (left: string, client: string, arrow: string, server: string) =>
    (left + GAP + padEnd(truncate(client, clientCol), clientCol) + GAP + arrow + GAP + truncate(server, serverCol)).trimEnd();

  const frameLines: string[][] = [];
  let previous: Frame | undefined;
  for (const frame of frames) {
    const [client = '', clientTls] = stateLines(frame.after.client);
    const [server = '', serverTls] = stateLines(frame.after.server);
    const block = [row(time(frame.sendMs), client, drawArrow(frame, arrowCol), server)];
    // The TLS line appears when a TLS state moved: under every frame it would double the ladder
    // and hide the frames that matter.
    const tlsMoved = previous === undefined || previous.after.client.tls !== frame.after.client.tls || previous.after.server.tls !== frame.after.server.tls;
    if ((clientTls !== undefined || serverTls !== undefined) && tlsMoved) {
      block.push(row(' '.repeat(timeCols), clientTls ?? '', ' '.repeat(arrowCol), serverTls ?? ''));
    }
    frameLines.push(block);
    previous = frame;
  }
  const tail: string[] = [];
  for (const event of events) {
    const change = `${event.side} ${event.layer === 'tcp' ? '' : `${event.layer.toUpperCase()} `}${event.from ?? '–'} → ${event.to ?? '–'}`;
    const text = `${change} (${event.cause.replace(/\.$/, '')})`;
    const [first = '', ...rest] = wrap(text, width - timeCols - GAP.length, 2);
    // Timers fire long after the last frame (TIME-WAIT: a minute); a round-trip count there says nothing.
    const at = `${padStart(formatMs(event.atMs), msCol)} ${' '.repeat(rttCol)}`;
    tail.push(at + GAP + first, ...rest.map((line) => ' '.repeat(timeCols) + GAP + line));
  }
  tail.push('', ...wrap(summaryLine(trace), width, 2));
  return {
    header: header(trace, width),
    heads: row(`${padStart('ms', msCol)} ${padStart('RTT', rttCol)}`, 'client', ' '.repeat(arrowCol), 'server'),
    frames: frameLines,
    tail,
  };
}

/** The state shown on each line beside an arrow end: TCP (or QUIC) first, then TLS indented. */
function stateLines(states: EndpointStates): string[] {
  const transport = states.tcp ?? states.quic ?? '';
  return states.tls === null ? [transport] : [transport, `  ${states.tls}`];
}

function drawArrow(frame: Frame, columns: number): string {
  const rightwards = frame.from === 'client';
  const head = frame.dropped ? '✕' : rightwards ? '▶' : '◀';
  const suffix = frame.dropped ? ' (lost)' : '';
  // One column each for the tail and the head, one for at least one ─ of shaft, two for spaces.
  const room = columns - 5 - columnsOf(suffix);
  // The label gives way before seq/ack, which learners check against each other frame by frame.
  const fields = tcpFields(frame);
  const labelRoom = room - columnsOf(fields);
  const content = labelRoom >= MIN_LABEL ? truncate(frame.label, labelRoom) + fields : truncate(frame.label + fields, room);
  const text = ` ${content}${suffix} `;
  const shaft = '─'.repeat(Math.max(0, columns - 2 - columnsOf(text)));
  return rightwards ? `─${text}${shaft}${head}` : `${head}${shaft}${text}─`;
}

function tcpFields(frame: Frame): string {
  const tcp = frame.tcp;
  if (tcp === null) return '';
  return ` seq=${tcp.seq}${tcp.ack === null ? '' : ` ack=${tcp.ack}`}${tcp.len > 0 ? ` len=${tcp.len}` : ''}`;
}

function paint(frame: Frame, line: string, color: boolean): string {
  if (!color) return line;
  // Pure ACKs are real segments but rarely the point of a lesson, so they recede.
  if (frame.label === 'ACK') return dim(line);
  return frame.dropped ? line.replace('✕', red('✕')) : line;
}

/** Scenario, title, RTT, seed and changed knobs, wrapped between items rather than inside one. */
function header(trace: Trace, width: number): string[] {
  const title = findPreset(trace.scenario)?.title;
  const changed = Object.entries(nonDefaultKnobs(trace.knobs)).map(([name, value]) => `${name}=${value}`);
  const items = [
    trace.scenario,
    ...(title === undefined ? [] : [` · ${title}`]),
    ` · RTT ${trace.rttMs} ms`,
    ` · seed ${trace.seed}`,
    ...(changed.length === 0 ? [' · default knobs'] : changed.map((knob, i) => `${i === 0 ? ' · ' : ' '}${knob}`)),
  ];
  const lines = [''];
  for (const item of items) {
    const line = lines[lines.length - 1] ?? '';
    if (line !== '' && columnsOf(line + item) > width) lines.push(`  ${item.replace(/^( · | )/, '')}`);
    else lines[lines.length - 1] = line + item;
  }
  return lines.map((line) => truncate(line, width));
}

export function summaryLine(trace: Trace): string {
  const s = trace.summary;
  if (trace.knobs.data === 'none') return 'No application data (data=none)';
  if (s.requestSentMs === null) return "The request never reached the server's application";
  const request = `Request sent at ${formatMs(s.requestSentMs)} ms (${formatRtt(s.requestSentRtt)} RTT)`;
  return s.responseReceivedMs === null
    ? `${request} · no response reached the client`
    : `${request} · response received at ${formatMs(s.responseReceivedMs)} ms (${formatRtt(s.responseReceivedRtt)} RTT)`;
}

/** Milliseconds, with a space between thousands from 10 000 up ("60 150"), as SI style writes them. */
export function formatMs(ms: number): string {
  const [whole = '', fraction] = String(Number(ms.toFixed(1))).split('.');
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+$)/g, ' ') : whole;
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Round trips with at most two decimals: 0.5, 1, 1.33. */
export function formatRtt(rtt: number | null): string {
  return rtt === null ? '–' : String(Number(rtt.toFixed(2)));
}
