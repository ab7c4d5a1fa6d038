// The byte inspector, rendered with ink-testing-library under act() (ink-notes §2.5).
import {act} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {describeFields, nextField} from '../../../src/engine/bytes/fields.js';
import {ByteInspector, byteInspectorLines, dumpGeometry} from '../../../src/ui/player/ByteInspector.js';
import {run} from '../../helpers/run.js';
import {renderTui, unmountAll} from '../../helpers/tui.js';

afterEach(unmountAll);

const trace = run('tfo-tls13-0rtt');
const syn = trace.frames[0]!;
const fields = describeFields(syn, trace);
const index = (name: string): number => fields.findIndex((f) => f.name === name);

describe('ByteInspector', () => {
  it('draws the hex dump with the selected field bracketed and marked, and explains the field', async () => {
    const selected = index('Option: TCP Fast Open');
    const ui = await renderTui(<ByteInspector bytes={syn.bytes} fields={fields} selected={selected} width={100} height={14} />);
    const screen = ui.screen();
    const field = fields[selected]!;
    // Bytes 60–69 at 16 a row: "[22 0a" and 2 cookie bytes end row 0030 after window scale (03 03 07),
    // the other 6 cookie bytes open row 0040 before the NOP NOP Linux pads it with; ▶ marks both rows.
    expect(screen).toMatch(/^0030 ▶  .*03 03 07\[22 0a [0-9a-f]{2} [0-9a-f]{2}\] /m);
    expect(screen).toMatch(/^0040 ▶ \[([0-9a-f]{2} ){5}[0-9a-f]{2}\]01 01 16 03 /m);
    expect(screen).toMatch(/^0020    /m); // rows without the field have no marker
    expect(screen).toContain(`field ${selected + 1}/${fields.length} · bytes 60–69 · tcp · Option: TCP Fast Open = ${field.value}`);
    expect(screen).toContain('RFC 7413');
    expect(screen).not.toContain('\u001b['); // no colour codes under FORCE_COLOR=0 / NO_COLOR: the brackets carry it
  });

  it('is never taller than its height nor wider than its width', async () => {
    for (const [width, height] of [[100, 30], [80, 12], [60, 6], [40, 3], [30, 2], [20, 1]] as const) {
      for (const selected of [0, index('Extension: padding'), fields.length - 1]) {
        const ui = await renderTui(<ByteInspector bytes={syn.bytes} fields={fields} selected={selected} width={width} height={height} />);
        const lines = ui.screen().split('\n');
        expect(lines.length, `${width}×${height}`).toBeLessThanOrEqual(height);
        for (const line of lines) expect([...line].length, `${width}×${height}: ${line}`).toBeLessThanOrEqual(width);
        await unmountAll();
      }
    }
  });

  it('scrolls the dump so the selected field is on screen', () => {
    const last = fields.length - 1;
    const lines = byteInspectorLines({bytes: syn.bytes, fields, selected: last, width: 80, height: 8});
    expect(lines.length).toBe(8);
    expect(lines.some((segments) => segments.some((s) => s.mark))).toBe(true);
    const first = byteInspectorLines({bytes: syn.bytes, fields, selected: 0, width: 80, height: 8});
    expect(first[0]!.map((s) => s.text).join('')).toMatch(/^0000 ▶ \[45\]00 /);
  });

  it('marks exactly the selected bytes, in the hex and the ASCII columns', () => {
    const selected = index('Extension: server_name');
    const field = fields[selected]!;
    const lines = byteInspectorLines({bytes: syn.bytes, fields, selected, width: 80, height: 40});
    const marked = lines.flatMap((segments) => segments.filter((s) => s.mark).map((s) => s.text));
    const hex = marked.filter((t) => /^[0-9a-f ]+$/.test(t)).join(' ').replace(/\s+/g, '');
    expect(hex).toBe(syn.bytes.slice(field.offset * 2, (field.offset + field.length) * 2));
    expect(marked.join('')).toContain('example'); // the ASCII column, where the name is readable
  });

  it('follows the selection as the key router moves it', async () => {
    const ui = await renderTui(<ByteInspector bytes={syn.bytes} fields={fields} selected={0} width={80} height={10} />);
    expect(ui.screen()).toContain('Version and header length');
    const next = nextField(fields, 0, 1);
    await act(async () => ui.rerender(<ByteInspector bytes={syn.bytes} fields={fields} selected={next} width={80} height={10} />));
    expect(ui.screen()).toContain('field 2/');
    expect(ui.screen()).toContain('DSCP and ECN');
  });

  it('fits fewer bytes a row on a narrow terminal, and says so when there is nothing to show', () => {
    expect(dumpGeometry(100)).toEqual({perRow: 16, ascii: true});
    expect(dumpGeometry(60)).toEqual({perRow: 12, ascii: true});
    expect(dumpGeometry(41)).toEqual({perRow: 8, ascii: true});
    expect(dumpGeometry(36)).toEqual({perRow: 8, ascii: false});
    expect(dumpGeometry(20)).toEqual({perRow: 4, ascii: false});
    expect(byteInspectorLines({bytes: '', fields: [], selected: 0, width: 40, height: 5})).toEqual([[{text: 'No bytes for this frame.', mark: false}]]);
    expect(byteInspectorLines({bytes: syn.bytes, fields, selected: 0, width: 40, height: 0})).toEqual([]);
  });
});
