// The TLS record layer over TCP: how a flight's parts become records of fixed length
// (RFC 5246 §6.2, RFC 8446 §5), and how an arriving record turns back into messages.

import type {TlsRecordSpec} from '../wire.js';
import type {StreamItem} from '../wire.js';
import type {Epoch, Flight, Inbound, Part} from './flight.js';
import {ALERT_BYTES, CCS_RECORD, RECORD_HEADER, TLS12_RECORD_OVERHEAD, TLS13_RECORD_OVERHEAD} from './sizes.js';

export type TlsVersion = '1.2' | '1.3';

export interface RecordOut {
  record: TlsRecordSpec;
  part: Part;
}

const keysOf = (epoch: Epoch): TlsRecordSpec['keys'] => (epoch === 'initial' ? undefined : epoch);

const ccs = (part: Part): RecordOut => ({part, record: {contentType: 'change_cipher_spec', messages: ['ChangeCipherSpec'], encrypted: false, length: CCS_RECORD}});

/** TLS 1.3: everything after ServerHello is protected and looks like application_data (RFC 8446 §5.2). */
function tls13Records(flight: Flight): RecordOut[] {
  const out: RecordOut[] = [];
  let open: RecordOut | null = null;
  for (const part of flight.parts) {
    if (part.kind === 'handshake' && part.epoch !== 'initial' && flight.coalesce && open && open.part.kind === 'handshake' && open.part.epoch === part.epoch) {
      open.record.messages.push(part.name);
      open.record.lengths!.push(part.length);
      open.record.length += part.length;
      continue;
    }
    open = null;
    switch (part.kind) {
      case 'ccs':
        out.push(ccs(part));
        break;
      case 'handshake':
        if (part.epoch === 'initial') {
          out.push({part, record: {contentType: 'handshake', messages: [part.name], lengths: [part.length], encrypted: false, length: RECORD_HEADER + part.length}});
          break;
        }
        open = {
          part,
          record: {contentType: 'application_data', innerType: 'handshake', keys: keysOf(part.epoch), messages: [part.name], lengths: [part.length], encrypted: true, length: RECORD_HEADER + part.length + TLS13_RECORD_OVERHEAD},
        };
        out.push(open);
        break;
      case 'app':
        out.push({part, record: {contentType: 'application_data', innerType: 'application_data', keys: keysOf(part.epoch), messages: [], encrypted: true, length: RECORD_HEADER + part.length + TLS13_RECORD_OVERHEAD}});
        break;
      case 'alert':
        out.push({part, record: {contentType: 'application_data', innerType: 'alert', keys: 'application', messages: [part.name], encrypted: true, length: RECORD_HEADER + ALERT_BYTES + TLS13_RECORD_OVERHEAD}});
        break;
    }
  }
  return out;
}

/**
 * TLS 1.2: one record per handshake message, as OpenSSL writes them; after ChangeCipherSpec
 * records are encrypted (RFC 5246 §7.1).
 */
function tls12Records(flight: Flight): RecordOut[] {
  return flight.parts.map((part): RecordOut => {
    switch (part.kind) {
      case 'ccs':
        return ccs(part);
      case 'handshake': {
        const encrypted = part.epoch !== 'initial';
        const length = RECORD_HEADER + part.length + (encrypted ? TLS12_RECORD_OVERHEAD : 0);
        return {part, record: {contentType: 'handshake', messages: [part.name], lengths: [part.length], encrypted, length}};
      }
      case 'app':
        return {part, record: {contentType: 'application_data', messages: [], encrypted: true, length: RECORD_HEADER + part.length + TLS12_RECORD_OVERHEAD}};
      case 'alert':
        return {part, record: {contentType: 'alert', messages: [part.name], encrypted: true, length: RECORD_HEADER + ALERT_BYTES + TLS12_RECORD_OVERHEAD}};
    }
  });
}

export function recordsFor(version: TlsVersion, flight: Flight): RecordOut[] {
  return version === '1.3' ? tls13Records(flight) : tls12Records(flight);
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
