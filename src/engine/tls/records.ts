// The TLS record layer over TCP: how a flight's parts become records of fixed length
// (RFC 5246 §6.2, RFC 8446 §5), and how an arriving record turns back into messages.

import type {TlsRecordSpec} from '../wire.js';
import type {StreamItem} from '../wire.js';
import type {Epoch, Inbound, Part} from './flight.js';
import {ALERT_BYTES, CCS_RECORD, RECORD_HEADER, TLS12_RECORD_OVERHEAD, TLS13_RECORD_OVERHEAD} from './sizes.js';

export type TlsVersion = '1.2' | '1.3';

export interface RecordOut {
  record: TlsRecordSpec;
  part: Part;
}

const keysOf = (epoch: Epoch): TlsRecordSpec['keys'] => (epoch === 'initial' ? undefined : epoch);

/** TLS 1.3: one record per message; everything after ServerHello is protected and looks like application_data. */
function tls13Records(parts: Part[]): RecordOut[] {
  return parts.map((part): RecordOut => {
    switch (part.kind) {
      case 'ccs':
        return {part, record: {contentType: 'change_cipher_spec', messages: ['ChangeCipherSpec'], encrypted: false, length: CCS_RECORD}};
      case 'handshake':
        if (part.epoch === 'initial') return {part, record: {contentType: 'handshake', messages: [part.name], encrypted: false, length: RECORD_HEADER + part.length}};
        return {
          part,
          record: {contentType: 'application_data', innerType: 'handshake', keys: keysOf(part.epoch), messages: [part.name], encrypted: true, length: RECORD_HEADER + part.length + TLS13_RECORD_OVERHEAD},
        };
      case 'app':
        return {part, record: {contentType: 'application_data', innerType: 'application_data', keys: keysOf(part.epoch), messages: [], encrypted: true, length: RECORD_HEADER + part.length + TLS13_RECORD_OVERHEAD}};
      case 'alert':
        return {
          part,
          record: {contentType: 'application_data', innerType: 'alert', keys: 'application', messages: [part.name], encrypted: true, length: RECORD_HEADER + ALERT_BYTES + TLS13_RECORD_OVERHEAD},
        };
    }
  });
}

/** TLS 1.2: consecutive cleartext handshake messages share one record; after ChangeCipherSpec records are encrypted. */
function tls12Records(parts: Part[]): RecordOut[] {
  const out: RecordOut[] = [];
  let open: RecordOut | null = null;
  for (const part of parts) {
    if (part.kind === 'handshake' && part.epoch === 'initial') {
      if (open) {
        open.record.messages.push(part.name);
        open.record.length += part.length;
      } else {
        open = {part, record: {contentType: 'handshake', messages: [part.name], encrypted: false, length: RECORD_HEADER + part.length}};
        out.push(open);
      }
      continue;
    }
    open = null;
    switch (part.kind) {
      case 'ccs':
        out.push({part, record: {contentType: 'change_cipher_spec', messages: ['ChangeCipherSpec'], encrypted: false, length: CCS_RECORD}});
        break;
      case 'handshake':
        out.push({part, record: {contentType: 'handshake', messages: [part.name], encrypted: true, length: RECORD_HEADER + part.length + TLS12_RECORD_OVERHEAD}});
        break;
      case 'app':
        out.push({part, record: {contentType: 'application_data', messages: [], encrypted: true, length: RECORD_HEADER + part.length + TLS12_RECORD_OVERHEAD}});
        break;
      case 'alert':
        out.push({part, record: {contentType: 'alert', messages: [part.name], encrypted: true, length: RECORD_HEADER + ALERT_BYTES + TLS12_RECORD_OVERHEAD}});
        break;
    }
  }
  return out;
}

export function recordsFor(version: TlsVersion, parts: Part[]): RecordOut[] {
  return version === '1.3' ? tls13Records(parts) : tls12Records(parts);
}

/** What the receiving TLS layer reads out of a whole record. */
export function inboundOf(item: StreamItem): Inbound[] {
  const record = item.record;
  if (!record) return [];
  if (record.contentType === 'change_cipher_spec') return [{kind: 'ccs'}];
  const epoch: Epoch = record.keys ?? (record.encrypted ? 'application' : 'initial');
  if (item.app) return [{kind: 'app', app: item.app, epoch, item}];
  if (record.contentType === 'alert' || record.innerType === 'alert') return record.messages.map((name) => ({kind: 'alert', name}));
  return record.messages.map((name) => ({kind: 'handshake', name, epoch}));
}
