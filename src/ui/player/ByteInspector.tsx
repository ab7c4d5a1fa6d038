// The byte inspector: a frame's exact bytes as a hex dump with one field highlighted, and that
// field's name, value and explanation underneath (Illustrated-TLS style). Presentational only:
// the TUI's key router owns the selected index and moves it (nextField in engine/bytes/fields).
// The selected bytes are drawn inverse AND bracketed, [like this], so NO_COLOR still shows them;
// a ▶ in the gutter marks the rows they are on. Never taller than `height`.
import {Box, Text} from 'ink';
import type {Field} from '../../engine/bytes/fields.js';
import {truncate, wrap} from '../../render/text.js';

export interface ByteInspectorProps {
  /** The frame's bytes as hex (Frame.bytes). */
  bytes: string;
  fields: readonly Field[];
  /** Index into `fields`; out of range selects nothing. */
  selected: number;
  width: number;
  height: number;
}

/** A piece of a line: `mark` pieces are the selected field's bytes, drawn inverse. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** How many bytes a dump row holds at this width, and whether the ASCII column fits. */
export function dumpGeometry(width: number): {perRow: number; ascii: boolean} {
  // "0000 ▶ " (7) + per byte a separator and two digits (3) + the closing separator (1) [+ " " + one char per byte]
  for (const perRow of [16, 12, 8]) if (7 + perRow * 3 + 1 + 1 + perRow <= width) return {perRow, ascii: true};
  for (const perRow of [16, 12, 8, 4]) if (7 + perRow * 3 + 1 <= width) return {perRow, ascii: false};
  return {perRow: 4, ascii: false};
}

const printable = (byte: number): string => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.');

function dumpRow(data: Uint8Array, row: number, perRow: number, ascii: boolean, selected: Field | undefined): Segment[] {
  const start = row * perRow;
  const isSelected = (i: number): boolean =>
    selected !== undefined && i >= 0 && i < perRow && start + i < data.length && start + i >= selected.offset && start + i < selected.offset + selected.length;
  const segments: Segment[] = [];
  const push = (text: string, mark: boolean): void => {
    const last = segments[segments.length - 1];
    if (last && last.mark === mark) last.text += text;
    else segments.push({text, mark});
  };
  const any = Array.from({length: perRow}, (_, i) => isSelected(i)).some(Boolean);
  push(`${start.toString(16).padStart(4, '0')} ${any ? '▶' : ' '} `, false);
  for (let i = 0; i <= perRow; i++) {
    // The separator before byte i brackets the selection: '[' where it starts, ']' after it ends.
    const before = isSelected(i - 1);
    const here = isSelected(i);
    push(!before && here ? '[' : before && !here ? ']' : ' ', false);
    if (i === perRow) break;
    const at = start + i;
    push(at < data.length ? data[at]!.toString(16).padStart(2, '0') : '  ', here);
  }
  if (ascii) {
    push(' ', false);
    for (let i = 0; i < perRow && start + i < data.length; i++) push(printable(data[start + i]!), isSelected(i));
  }
  return segments;
}

/** Cuts segments to `width` columns. */
function clip(segments: Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const s of segments) {
    if (left <= 0) break;
    const text = [...s.text].slice(0, left).join('');
    out.push({text, mark: s.mark});
    left -= [...text].length;
  }
  return out;
}

/** Every line the inspector draws, at most `height` of them, each at most `width` columns. Pure. */
export function byteInspectorLines({bytes, fields, selected, width, height}: ByteInspectorProps): Segment[][] {
  if (height <= 0 || width <= 0) return [];
  const data = Uint8Array.from(Buffer.from(bytes, 'hex'));
  if (data.length === 0) return [[{text: truncate('No bytes for this frame.', width), mark: false}]];
  const field = fields[selected];
  const {perRow, ascii} = dumpGeometry(width);
  const rows = Math.ceil(data.length / perRow);

  // Below the dump: "field i/N · bytes a–b · layer · name = value", then the explanation, as room allows.
  const info: string[] = [];
  if (field) {
    const span = field.length === 1 ? `byte ${field.offset}` : `bytes ${field.offset}–${field.offset + field.length - 1}`;
    info.push(...wrap(`field ${selected + 1}/${fields.length} · ${span} · ${field.layer} · ${field.name} = ${field.value}`, width, 2));
    info.push(...wrap(field.explanation, width));
  } else {
    info.push(truncate(`${data.length} bytes · ${fields.length} fields`, width));
  }
  // The explanation is never cut for the dump's sake: the dump keeps three rows (it scrolls to the field).
  const infoLines = height === 1 ? 0 : Math.min(info.length, Math.max(1, height - Math.min(rows, 3)));
  const dumpLines = height - infoLines;

  // Scroll so the selected field's first row shows, a little below the top when possible.
  const fieldRow = field ? Math.floor(field.offset / perRow) : 0;
  const first = Math.max(0, Math.min(fieldRow - Math.floor(dumpLines / 3), rows - dumpLines));
  const lines: Segment[][] = [];
  for (let row = first; row < Math.min(rows, first + dumpLines); row++) lines.push(clip(dumpRow(data, row, perRow, ascii, field), width));
  for (const text of info.slice(0, infoLines)) lines.push([{text, mark: false}]);
  return lines.slice(0, height);
}

export function ByteInspector(props: ByteInspectorProps) {
  const lines = byteInspectorLines(props);
  return (
    <Box flexDirection="column" width={props.width} height={Math.max(0, props.height)} overflow="hidden">
      {lines.map((segments, i) => (
        <Text key={i} wrap="truncate">
          {segments.map((s, j) =>
            s.mark ? (
              <Text key={j} inverse bold>
                {s.text}
              </Text>
            ) : (
              <Text key={j}>{s.text}</Text>
            ),
          )}
        </Text>
      ))}
    </Box>
  );
}
