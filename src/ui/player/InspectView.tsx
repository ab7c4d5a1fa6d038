// The selected frame's bytes, field by field: the hex dump with the field marked, and what it is.
import {Box, Text} from 'ink';
import {describeFields} from '../../engine/bytes/fields.js';
import type {Trace} from '../../engine/types.js';
import {wrap} from '../../render/text.js';
import {ByteInspector} from './ByteInspector.js';

export function InspectView({trace, frame, field, width, height}: {trace: Trace; frame: number; field: number; width: number; height: number}) {
  const current = trace.frames[frame]!;
  const fields = describeFields(current, trace);
  const selected = Math.min(Math.max(0, field), fields.length - 1);
  const title = wrap(`Bytes of ${current.id} · field ${selected + 1}/${fields.length} · ↑/↓ field · ←/→ frame · i or esc close`, width, 2);
  return (
    <Box flexDirection="column" height={height}>
      {title.map((line, i) => (
        <Text key={i} bold>
          {line}
        </Text>
      ))}
      <ByteInspector bytes={current.bytes} fields={fields} selected={selected} width={width} height={height - title.length} />
    </Box>
  );
}
