// Both endpoints' states as the ladder shows them at the current frame (time-true: a frame's
// receiver changes state when the frame arrives, src/render/timeline.ts); what changed since the
// previous frame is marked with * (and colour), so the change is visible without colour too.
import {Box, Text} from 'ink';
import type {EndpointStates, Side, Trace} from '../../engine/types.js';
import {rowsOfConnection, statesAtFrame} from '../../render/timeline.js';
import {padEnd} from '../../render/text.js';
import {layoutFor} from './LadderView.js';

interface Cell {
  layer: string;
  value: string;
  changed: boolean;
}

export function stateCells(current: EndpointStates, before: EndpointStates | undefined): Cell[] {
  const cells: Cell[] = [];
  const add = (layer: string, now: string | null | undefined, then: string | null | undefined) => {
    if (now === null || now === undefined) return;
    cells.push({layer, value: now, changed: before !== undefined && now !== then});
  };
  add('TCP', current.tcp, before?.tcp);
  add('QUIC', current.quic, before?.quic);
  add('TLS', current.tls, before?.tls);
  return cells;
}

/**
 * Each side's states at `frame` and at the frame before it, from the ladder's rows. In a page over
 * several connections, those of the current frame's connection (another's states are no "before").
 */
export function statesAround(trace: Trace, frame: number, width: number): {now: Record<Side, EndpointStates>; before: Record<Side, EndpointStates> | undefined} | undefined {
  const rows = rowsOfConnection(
    layoutFor(trace, width).rows.map((r) => r.row),
    trace,
    frame,
  );
  const now = statesAtFrame(rows, trace, frame);
  return now && {now, before: frame > 0 ? statesAtFrame(rows, trace, frame - 1) : undefined};
}

function Row({side, now, before, mask, connection}: {side: Side; now: EndpointStates; before: EndpointStates | undefined; mask?: ((line: string) => string) | undefined; connection?: number | undefined}) {
  const cells = stateCells(now, before).map((cell) => (mask ? {...cell, value: mask(cell.value)} : cell));
  return (
    <Text>
      <Text bold>{connection === undefined ? padEnd(side, 8) : padEnd(`${side} c${connection}`, 11)}</Text>
      {cells.map((cell) => (
        <Text key={cell.layer}>
          <Text dimColor>{cell.layer} </Text>
          <Text color={cell.changed ? 'yellow' : undefined} bold={cell.changed}>
            {padEnd(`${cell.value}${cell.changed ? '*' : ''}`, 16)}
          </Text>
        </Text>
      ))}
    </Text>
  );
}

export function StatesPanel({trace, frame, width, mask}: {trace: Trace; frame: number; width: number; mask?: ((line: string) => string) | undefined}) {
  const states = statesAround(trace, frame, width);
  if (!states) return null;
  return (
    <Box flexDirection="column">
      <Row side="client" now={states.now.client} before={states.before?.client} mask={mask} connection={trace.frames[frame]?.connection} />
      <Row side="server" now={states.now.server} before={states.before?.server} mask={mask} connection={trace.frames[frame]?.connection} />
    </Box>
  );
}
