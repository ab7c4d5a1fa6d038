// The knobs panel laid out as pure functions of the model (tests check them without Ink). The
// ladder stays in view above the panel, so a change shows its effect at once; under it, the knob
// list (a window that follows the cursor) and the chosen knob's whole story: what it is, its
// values, where it applies, and what ← and → would change with it by the engine's rules. That
// story wraps and scrolls (PgUp PgDn); nothing in it is cut.
import {KNOBS} from '../../engine/knobs.js';
import {RTT_MS} from '../../engine/run-options.js';
import {padEnd, width as columns, wrap} from '../../render/text.js';
import type {StyledLine} from '../common/scroll.js';
import {allLadderLines} from './LadderView.js';
import {optionChoices, optionPreview, OPTION_ROWS, RTT_CHOICES, type OptionPreview, type OptionRow, type PlayerState} from './model.js';

/** The ladder keeps this many rows (heads included) above the panel when the body allows. */
const MIN_LADDER_ROWS = 5;
/** The knob list shows at least this many knobs, the story under it at least this many lines. */
const MIN_LIST_ROWS = 3;
const MIN_DETAIL_ROWS = 4;
const NAME_COLUMNS = 14;
const VALUE_COLUMNS = 20;

export interface KnobsLayout {
  ladderRows: number;
  title: string;
  /** The knob rows in view, the chosen one inverse. */
  list: StyledLine[];
  /** The chosen knob's story and what the last change did. */
  detail: StyledLine[];
  detailRows: number;
}

function rowName(row: OptionRow): string {
  return row === 'rttMs' ? 'rtt' : row;
}

function rowValue(player: PlayerState, row: OptionRow): string {
  if (row !== 'rttMs') return String(player.options.draft[row]);
  return player.options.typed === '' ? `${player.rttMs} ms` : `${player.options.typed}▌ ms`;
}

function listHead(player: PlayerState, row: OptionRow, selected: boolean): string {
  const changed = row !== 'rttMs' && player.options.draft[row] !== KNOBS[row].default;
  return `${selected ? '› ' : '  '}${padEnd(rowName(row), NAME_COLUMNS)}${padEnd(`‹ ${rowValue(player, row)} ›${changed ? ' *' : ''}`, VALUE_COLUMNS)}`;
}

function rowNote(row: OptionRow): string {
  return row === 'rttMs' ? 'round-trip time' : KNOBS[row].description;
}

/** The list carries the knobs' descriptions only when every one fits whole (the story has them all). */
function notesFit(width: number): boolean {
  return OPTION_ROWS.every((row) => 2 + NAME_COLUMNS + VALUE_COLUMNS + 1 + columns(rowNote(row)) <= width);
}

function previewLine(arrow: string, preview: OptionPreview): string {
  const value = String(preview.value);
  if (preview.problem !== undefined) return `${arrow} ${value}: not possible here: ${preview.problem}`;
  if (preview.changed.length === 0) return `${arrow} ${value}`;
  const also = preview.changed.map((c) => `${c.knob}=${String(c.to)}`).join(', ');
  return `${arrow} ${value}: also sets ${also} (${preview.changed[0]!.why})`;
}

/** The chosen row's story, in reading order, wrapped to `width`. */
export function knobDetail(player: PlayerState, width: number): StyledLine[] {
  const {cursor, error, changed} = player.options;
  const row = OPTION_ROWS[cursor]!;
  const lines: StyledLine[] = [];
  const add = (text: string, style: Omit<StyledLine, 'text'> = {}, indent = 2) => {
    for (const line of wrap(text, width, indent)) lines.push({text: line, ...style});
  };
  // What the last change did comes first: it is what the learner is looking for.
  if (error) add(`✗ ${error}`, {color: 'red'});
  for (const c of changed) add(`• also ${c.knob}=${String(c.to)}: ${c.why}`, {color: 'yellow'});
  if (row === 'rttMs') {
    add(`rtt — the round-trip time every run uses, from ${RTT_MS.min} to ${RTT_MS.max} ms.`, {bold: true});
    add(`Type a number of milliseconds and press enter, or step with ←/→ through ${RTT_CHOICES.join(', ')}.`);
  } else {
    const spec = KNOBS[row];
    add(`${row} — ${spec.description}.`, {bold: true});
    const values = optionChoices(row).map(String).join(', ');
    add(`Values: ${values} (default ${String(spec.default)})${spec.appliesTo ? ` · applies to: ${spec.appliesTo}` : ''}.`, {dim: true});
  }
  const back = optionPreview(player, row, -1);
  const forth = optionPreview(player, row, 1);
  // With two values both arrows lead to the same one: say it once.
  if (back.value === forth.value) add(previewLine('←/→', forth), {}, 4);
  else {
    add(previewLine('←', back), {}, 4);
    add(previewLine('→', forth), {}, 4);
  }
  return lines;
}

/** How the body's rows are shared: the ladder, the panel's title, the list, then the story. */
export function layoutKnobs(player: PlayerState, width: number, body: number): KnobsLayout {
  const detail = knobDetail(player, width);
  const title = 'Knobs of this part: ←/→ change · ↑/↓ choose · o or esc close';
  const ladderWanted = allLadderLines(player.trace, player.frame, width, player.toScale).lines.length + 1;
  const titleRows = 1;
  // The panel's share first (a list and the story), the ladder the rest, and at least a glimpse.
  const panelWanted = titleRows + Math.min(OPTION_ROWS.length, 7) + detail.length;
  let ladderRows = Math.min(ladderWanted, Math.max(MIN_LADDER_ROWS, body - panelWanted));
  ladderRows = Math.max(0, Math.min(ladderRows, body - titleRows - MIN_LIST_ROWS - MIN_DETAIL_ROWS));
  const panel = body - ladderRows - titleRows;
  // The story first (it says what a change would do), the list what is left, at least a few knobs.
  const detailRows = Math.max(1, Math.min(detail.length, panel - MIN_LIST_ROWS));
  const listRows = Math.max(1, panel - detailRows);
  const {cursor} = player.options;
  const start = Math.min(Math.max(0, cursor - Math.floor(listRows / 2)), Math.max(0, OPTION_ROWS.length - listRows));
  const notes = notesFit(width);
  const list = OPTION_ROWS.slice(start, start + listRows).map((row, i): StyledLine => {
    const head = listHead(player, row, start + i === cursor);
    return {text: notes ? `${padEnd(head, 2 + NAME_COLUMNS + VALUE_COLUMNS)} ${rowNote(row)}` : head.trimEnd(), inverse: start + i === cursor};
  });
  return {ladderRows, title: columns(title) <= width ? title : 'Knobs: ←/→ change · ↑/↓ choose · o close', list, detail, detailRows};
}
