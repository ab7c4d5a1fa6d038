// Both endpoints' states after the current frame; what this frame changed is marked with * (and
// colour), so the change is visible without colour too.
import {Box, Text} from 'ink';
import type {EndpointStates, Frame, Side} from '../../engine/types.js';
import {padEnd} from '../../render/text.js';

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

function Row({side, frame, previous}: {side: Side; frame: Frame; previous: Frame | undefined}) {
  const cells = stateCells(frame.after[side], previous?.after[side]);
  return (
    <Text>
      <Text bold>{padEnd(side, 8)}</Text>
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

export function StatesPanel({frame, previous}: {frame: Frame; previous: Frame | undefined}) {
  return (
    <Box flexDirection="column">
      <Row side="client" frame={frame} previous={previous} />
      <Row side="server" frame={frame} previous={previous} />
    </Box>
  );
}
