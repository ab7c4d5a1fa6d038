// The trace as a ladder diagram in plain text: an arrow for each frame between the client's and
// the server's columns, in time order (src/render/timeline.ts), each side labelled with its state
// at that moment, and a dotted arrival where a frame's arrival changes its receiver's state.
import {connectionMark, connectionNumbers, hasSeveralConnections} from '../engine/connections.js';
import {KNOB_NAMES, nonDefaultKnobs, resolveKnobs} from '../engine/knobs.js';
import {findPreset} from '../engine/presets.js';
import type {EndpointStates, Frame, Side, Trace} from '../engine/types.js';
import {padEnd, padStart, width as columnsOf, wrap} from './text.js';
import {timeline, type TimelineRow} from './timeline.js';

export interface LadderOptions {
  /** Columns available; no line is longer. */
  width: number;
  /** Whether to use ANSI colour (the caller decides: --no-color, NO_COLOR, not a terminal). */
  color?: boolean;
}

const GAP = '  ';
// Arrows stay readable even when long state names compete for the width.
const MIN_ARROW = 16;

const dim = (text: string) => `\x1b[2m${text}\x1b[22m`;
const bold = (text: string) => `\x1b[1m${text}\x1b[22m`;
const red = (text: string) => `\x1b[31m${text}\x1b[39m`;

/** One row of the ladder: a frame leaving, or a frame arriving that changes its receiver's state. */
export interface LadderRow {
  row: TimelineRow;
  /** The arrow line, then its label's continuation lines, then a TLS line when a TLS state moved. */
  lines: string[];
}

/** The ladder cut into parts, so the TUI can draw it up to the current frame and mark it. */
export interface LadderLayout {
  /** Scenario, title, RTT, seed and changed knobs. */
  header: string[];
  /** The column heads: ms, RTT, client, server. */
  heads: string;
  /** The rows in time order (src/render/timeline.ts): states as they are at each moment. */
  rows: LadderRow[];
  /** State changes after the last frame (timers), then a blank line and the summary. */
  tail: string[];
  /** Columns taken by the time and a gap, where continuation lines start. */
  timeColumns: number;
}

export function renderLadder(trace: Trace, options: LadderOptions): string {
  const layout = layoutLadder(trace, options);
  const header = options.color ? layout.header.map(bold) : layout.header;
  const rows = layout.rows.flatMap(({row, lines}) => lines.map((line) => paint(row, line, options.color === true)));
  return [...header, '', layout.heads, ...rows, ...layout.tail].join('\n');
}

export function layoutLadder(trace: Trace, {width}: LadderOptions): LadderLayout {
  const rows = timeline(trace);
  const lastMs = Math.max(-1, ...rows.map((r) => r.atMs));
  const events = trace.events.filter((e) => e.atMs > lastMs);
  const times = [...rows.map((r) => r.atMs), ...events.map((e) => e.atMs)];

  const msCol = Math.max(2, ...times.map((t) => columnsOf(formatMs(t))));
  const rttCol = Math.max(3, ...times.map((t) => columnsOf(formatRtt(t / trace.rttMs))));
  const timeCols = msCol + 1 + rttCol;
  const available = width - timeCols - 3 * GAP.length;
  // State names are never cut: the columns are as wide as the longest name shown.
  const stateWidth = (side: Side) => Math.max(6, ...rows.flatMap((r) => stateLines(r.states[side]).map(columnsOf)));
  const clientCol = stateWidth('client');
  const serverCol = stateWidth('server');
  const arrowCol = Math.max(MIN_ARROW, available - clientCol - serverCol);

  const time = (ms: number) => `${padStart(formatMs(ms), msCol)} ${padStart(formatRtt(ms / trace.rttMs), rttCol)}`;
  const line = (left: string, client: string, arrow: string, server: string) => (left + GAP + padEnd(client, clientCol) + GAP + padEnd(arrow, arrowCol) + GAP + server).trimEnd();
  const blankTime = ' '.repeat(timeCols);

  const ladderRows: LadderRow[] = [];
  let previous: TimelineRow | undefined;
  for (const row of rows) {
    const [client = '', clientTls] = stateLines(row.states.client);
    const [server = '', serverTls] = stateLines(row.states.server);
    const [arrow, ...more] = row.kind === 'send' ? sendArrow(row.frame, arrowCol) : arrivalArrow(row.frame, arrowCol);
    const lines = [line(time(row.atMs), client, arrow!, server), ...more.map((text) => line(blankTime, '', text, ''))];
    // The TLS line appears when a TLS state moved: under every row it would double the ladder
    // and hide the frames that matter.
    const tlsMoved = previous === undefined || previous.states.client.tls !== row.states.client.tls || previous.states.server.tls !== row.states.server.tls;
    if ((clientTls !== undefined || serverTls !== undefined) && tlsMoved) lines.push(line(blankTime, clientTls ?? '', '', serverTls ?? ''));
    ladderRows.push({row, lines});
    previous = row;
  }
  const tail: string[] = [];
  for (const event of events) {
    const change = `${event.side} ${event.connection === undefined ? '' : `c${event.connection} `}${event.layer === 'tcp' ? '' : `${event.layer.toUpperCase()} `}${event.from ?? '–'} → ${event.to ?? '–'}`;
    const text = `${change} (${event.cause.replace(/\.$/, '')})`;
    const [first = '', ...rest] = wrap(text, width - timeCols - GAP.length, 2);
    // Timers fire long after the last frame (TIME-WAIT: a minute); a round-trip count there says nothing.
    const at = `${padStart(formatMs(event.atMs), msCol)} ${' '.repeat(rttCol)}`;
    tail.push(at + GAP + first, ...rest.map((text) => blankTime + GAP + text));
  }
  tail.push('', ...wrap(summaryLine(trace), width, 2));
  return {
    header: header(trace, width),
    heads: line(`${padStart('ms', msCol)} ${padStart('RTT', rttCol)}`, 'client', '', 'server'),
    rows: ladderRows,
    tail,
    timeColumns: timeCols + GAP.length,
  };
}

/** The state shown on each line beside an arrow end: TCP (or QUIC) first, then TLS indented. */
function stateLines(states: EndpointStates): string[] {
  const transport = states.tcp ?? states.quic ?? '';
  return states.tls === null ? [transport] : [transport, `  ${states.tls}`];
}

/**
 * A frame leaving: an arrow from its sender to its receiver carrying what it carries. A label too
 * long for the arrow continues on the lines below it, so nothing it says is cut.
 */
function sendArrow(frame: Frame, columns: number): string[] {
  const rightwards = frame.from === 'client';
  const head = frame.dropped ? '✕' : rightwards ? '▶' : '◀';
  const text = `${connectionMark(frame)}${frame.label}${tcpFields(frame)}${frame.dropped ? ' (lost)' : ''}`;
  // One column each for the tail and the head, one for at least one ─ of shaft, two for spaces.
  const [first = '', ...rest] = wrap(text, columns - 5, 0);
  const padded = ` ${first} `;
  const shaft = '─'.repeat(Math.max(1, columns - 2 - columnsOf(padded)));
  const arrow = rightwards ? `─${padded}${shaft}${head}` : `${head}${shaft}${padded}─`;
  return [arrow, ...rest.map((more) => `  ${more}`)];
}

/** A frame arriving, on the moment it changes its receiver's state: a dotted head into the receiver. */
function arrivalArrow(frame: Frame, columns: number): string[] {
  const rightwards = frame.from === 'client';
  const [first = '', ...rest] = wrap(`${connectionMark(frame)}${frame.label} arrives`, columns - 5, 0);
  const dots = '·'.repeat(Math.max(1, columns - 3 - columnsOf(first)));
  const arrow = rightwards ? `${dots} ${first} ▷` : `◁ ${first} ${dots}`;
  return [arrow, ...rest.map((more) => `  ${more}`)];
}

function tcpFields(frame: Frame): string {
  const tcp = frame.tcp;
  if (tcp === null) return '';
  return ` seq=${tcp.seq}${tcp.ack === null ? '' : ` ack=${tcp.ack}`}${tcp.len > 0 ? ` len=${tcp.len}` : ''}`;
}

function paint(row: TimelineRow, line: string, color: boolean): string {
  if (!color) return line;
  // Pure ACKs and arrivals are real but rarely the point of a lesson, so they recede.
  if (row.kind === 'arrive' || row.frame.label === 'ACK') return dim(line);
  return row.frame.dropped ? line.replace('✕', red('✕')) : line;
}

/** Scenario, title, RTT, seed and changed knobs, wrapped between items rather than inside one. */
function header(trace: Trace, width: number): string[] {
  const preset = findPreset(trace.scenario);
  // A preset run with other knobs no longer shows what the preset's title says: it says so.
  const own = preset && resolveKnobs(preset.knobs, {});
  const same = own !== undefined && KNOB_NAMES.every((name) => own[name] === trace.knobs[name]);
  const title = preset === undefined ? undefined : same ? preset.title : `changed from: ${preset.title}`;
  const changed = Object.entries(nonDefaultKnobs(trace.knobs)).map(([name, value]) => `${name}=${value}`);
  const items = [
    trace.scenario,
    ...(title === undefined ? [] : [` · ${title}`]),
    ` · RTT ${trace.rttMs} ms`,
    ` · seed ${trace.seed}`,
    ...(changed.length === 0 ? [' · default knobs'] : changed.map((knob, i) => `${i === 0 ? ' · ' : ' '}${knob}`)),
    ...(hasSeveralConnections(trace) ? [` · ${connectionNumbers(trace).length} connections, c1 the base page's: each row shows its connection's states`] : []),
  ];
  const lines = [''];
  for (const item of items) {
    const line = lines[lines.length - 1] ?? '';
    if (line !== '' && columnsOf(line + item) > width) lines.push(`  ${item.replace(/^( · | )/, '')}`);
    else lines[lines.length - 1] = line + item;
  }
  return lines.flatMap((line) => wrap(line, width, 2));
}

export function summaryLine(trace: Trace): string {
  const s = trace.summary;
  if (trace.knobs.data === 'none') return 'No application data (data=none)';
  if (s.requestSentMs === null) return "The request never reached the server's application";
  const dns = trace.knobs.dnsLookups > 0 ? `After ${trace.knobs.dnsLookups} DNS lookup${trace.knobs.dnsLookups === 1 ? '' : 's'} (${formatMs(trace.knobs.dnsLookups * trace.rttMs)} ms): r` : 'R';
  const request = `${dns}equest sent at ${formatMs(s.requestSentMs)} ms (${formatRtt(s.requestSentRtt)} RTT)`;
  const over = s.connections !== undefined && s.connections > 1 ? ` over ${s.connections} connections` : '';
  const page = s.pageLoadedMs === undefined ? '' : ` · page with ${trace.knobs.objects} object${trace.knobs.objects === 1 ? '' : 's'} loaded${over} at ${formatMs(s.pageLoadedMs)} ms (${formatRtt(s.pageLoadedRtt!)} RTT)`;
  return s.responseReceivedMs === null
    ? `${request} · no response reached the client`
    : `${request} · response received at ${formatMs(s.responseReceivedMs)} ms (${formatRtt(s.responseReceivedRtt)} RTT)${page}`;
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
