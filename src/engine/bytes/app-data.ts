// The application's request and response, at the engine's fixed lengths: HTTP/1.1 text over TCP
// (RFC 9112), HTTP/3 frames over QUIC (RFC 9114 §7, QPACK static-table references RFC 9204).

import type {AppData} from '../types.js';
import {ascii, concat, Writer} from './writer.js';

function fill(text: string, length: number, what: string): Uint8Array {
  if (text.length !== length) throw new Error(`the ${what} came out ${text.length} bytes, the engine fixed ${length}`);
  return ascii(text);
}

/** What a message says beyond its kind: which object of the page, and whether the connection closes after it. */
export interface HttpOptions {
  /** 0 for the base page, k for the page's k-th object. */
  object?: number;
  /** Non-persistent HTTP: `Connection: close` on the request and its response (RFC 9112 §9.6). */
  close?: boolean;
}

/** An HTTP/1.1 GET or 200 response of exactly `length` bytes (a filler header or the body makes up the difference). */
export function http1(app: AppData, length: number, {object = 0, close = false}: HttpOptions = {}): Uint8Array {
  const connection = close ? 'Connection: close\r\n' : '';
  if (app === 'request') {
    const path = object === 0 ? '/' : `/object-${object}`;
    const head = `GET ${path} HTTP/1.1\r\nHost: example.com\r\nUser-Agent: hs-tutor\r\n${connection}`;
    const tail = '\r\n';
    const filler = length - head.length - tail.length - 'X-Pad: \r\n'.length;
    if (filler < 0) throw new Error('request too short for its headers');
    return fill(`${head}X-Pad: ${'-'.repeat(filler)}\r\n${tail}`, length, 'request');
  }
  const headFor = (body: number): string => `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body}\r\n${connection}\r\n`;
  let body = length - headFor(0).length;
  while (headFor(body).length + body > length) body--;
  const text = object === 0 ? 'Hello from the hs-tutor example server.\n' : `Object ${object} of the page, from the hs-tutor example server.\n`;
  const content = (text.repeat(Math.ceil(body / text.length) + 1)).slice(0, body);
  return fill(headFor(body) + content, length, 'response');
}

/** HTTP/3: a HEADERS frame (QPACK, static table only) and a reserved frame or DATA frame filling the rest. */
export function http3(app: AppData, length: number): Uint8Array {
  // QPACK field section: Required Insert Count 0, Base 0, then indexed static entries
  // (:method GET = 17, :scheme https = 23, :path / = 1; :status 200 = 25) and :authority as a
  // literal with a static name reference (index 0).
  const section =
    app === 'request'
      ? concat([Uint8Array.of(0, 0, 0xc0 | 17, 0xc0 | 23, 0xc0 | 1, 0x50, 11), ascii('example.com')])
      : Uint8Array.of(0, 0, 0xc0 | 25);
  const headers = new Writer().varint(0x01).varint(section.length).bytes(section).finish();
  const rest = length - headers.length;
  // The rest: the response body in a DATA frame (type 0), or, for the request, a reserved frame
  // type 0x21 that receivers ignore (RFC 9114 §7.2.8).
  const type = app === 'request' ? 0x21 : 0x00;
  const payloadLength = rest - 1 - 1;
  if (payloadLength < 0 || payloadLength >= 64) {
    const size = rest - 1 - 2;
    return new Writer().bytes(headers).varint(type).varint(size, 2).bytes(ascii('Hello from the hs-tutor example server.\n'.repeat(8).slice(0, size))).finish();
  }
  return new Writer().bytes(headers).varint(type).varint(payloadLength, 1).bytes(ascii('-'.repeat(payloadLength))).finish();
}
