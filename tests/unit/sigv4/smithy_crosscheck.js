// Generates SigV4 requests deterministically (seeded PRNG) and signs each
// with @smithy/signature-v4 (sha256 from @smithy/hash-node), writing one JSON
// line per case: the request as it goes on the wire, the signing options,
// and smithy's Authorization and canonical request. sigv4_crosscheck then
// signs the same requests with mailwarden and compares.
//   NODE_PATH=tests/peers/node_modules node smithy_crosscheck.js COUNT SEED OUT
'use strict';
const fs = require('fs');
const { SignatureV4 } = require('@smithy/signature-v4');
const { getCanonicalHeaders, getPayloadHash } = require('@smithy/signature-v4');
const { Hash } = require('@smithy/hash-node');

const [count, seed, outFile] = [Number(process.argv[2] || 300), Number(process.argv[3] || 1), process.argv[4]];

// mulberry32: small, deterministic, good enough to spread cases.
let state = seed >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const pick = (a) => a[int(a.length)];
const chance = (p) => rand() < p;
function str(alphabet, min, max) {
  const chars = Array.from(alphabet);
  let s = '';
  for (let i = min + int(max - min + 1); i > 0; i--) s += pick(chars);
  return s;
}

const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
const SUB_DELIMS = "!$&'()*+,;=:@";
const UNICODE = ['é', 'ü', 'ß', 'ሴ', '中文', '😀', 'Ω', 'ñ', '\u00a0'];
const SPECIAL = ' +&=/?#%[]{}|\\^`"<>!$\'()*,;:@~';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// Percent-encodes the UTF-8 bytes of `s`, upper- or lower-case hex.
function pctBytes(s, lower) {
  return Array.from(Buffer.from(s, 'utf8'))
    .map((b) => '%' + (lower ? b.toString(16).padStart(2, '0') : b.toString(16).toUpperCase().padStart(2, '0')))
    .join('');
}

// Wire form of a query key or value: '%', '&', '=', '#', space always
// encoded ('+' too, so that it stays a plus); other characters raw or
// encoded at random, hex case at random, non-ASCII sometimes raw.
function wireQueryPart(s) {
  let out = '';
  for (const ch of s) {
    if ('%&=# +'.includes(ch)) out += pctBytes(ch, chance(0.3));
    else if (UNRESERVED.includes(ch)) out += chance(0.05) ? pctBytes(ch, chance(0.5)) : ch;
    else if (ch.charCodeAt(0) > 127) out += chance(0.2) ? ch : pctBytes(ch, chance(0.3));
    else out += chance(0.4) ? ch : pctBytes(ch, chance(0.3));
  }
  return out;
}

function randomText(maxLen) {
  let s = '';
  for (let i = int(maxLen + 1); i > 0; i--) {
    const r = rand();
    if (r < 0.6) s += pick(Array.from(UNRESERVED));
    else if (r < 0.85) s += pick(Array.from(SPECIAL));
    else s += pick(UNICODE);
  }
  return s;
}

// A path segment in wire form: valid for S3 mode (single encoding) unless
// `loose`, where raw spaces and raw non-ASCII may appear.
function wireSegment(loose) {
  const r = rand();
  if (r < 0.06) return '.';
  if (r < 0.12) return '..';
  if (r < 0.16) return '';
  let s = '';
  for (let i = 1 + int(8); i > 0; i--) {
    const k = rand();
    if (k < 0.55) s += pick(Array.from(UNRESERVED));
    else if (k < 0.7) s += pick(Array.from(SUB_DELIMS));
    else if (k < 0.85) s += pctBytes(pick([...UNICODE, ' ', '/', '%', '?', '#', '"']), chance(0.3));
    else if (loose && k < 0.92) s += pick(UNICODE);
    else if (loose) s += ' ';
    else s += pick(Array.from(UNRESERVED));
  }
  return s;
}

const HEADER_NAMES = ['Content-Type', 'X-Amz-Target', 'x-custom-header', 'X-Amz-Meta-Note', 'Accept', 'My-Header1',
  'Content-MD5', 'If-Match', 'Range', 'X-Api-Version', 'User-Agent', 'X-Amzn-Trace-Id', 'Cache-Control',
  'Content-Encoding', 'x-amz-meta-ünicode-free', 'Sec-Fetch-Mode', 'Proxy-Foo'].filter((n) => /^[\x21-\x7e]+$/.test(n));

function headerValue(plain) {
  let v = randomText(20).replace(/[\r\n]/g, '');
  if (plain) return v.trim() === '' ? 'v' : v.replace(/^[ \t]+|[ \t]+$/g, '');
  const r = rand();
  if (r < 0.2) v = '  ' + v + ' \t ';
  else if (r < 0.35) v = v.replace(/ /g, ' \t  ');
  else if (r < 0.42) v = 'line1\r\n   line2\n\tline3';
  else if (r < 0.45) v = '';
  return v;
}

function makeCase(i) {
  const s3 = chance(0.2);
  const sesShaped = i % 10 === 0;
  const c = {
    id: i,
    method: sesShaped ? 'POST' : pick(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS']),
    host: sesShaped ? 'email.us-east-1.amazonaws.com'
      : pick(['example.amazonaws.com', 'email.eu-west-1.amazonaws.com', 's3.ap-southeast-2.amazonaws.com',
        '127.0.0.1:4566', 'localhost:8080', 'sts.amazonaws.com']),
    region: sesShaped ? 'us-east-1' : pick(['us-east-1', 'eu-west-1', 'ap-southeast-2', 'eu-central-1', 'us-gov-west-1']),
    service: sesShaped ? 'ses' : pick(['ses', 's3', 'sts', 'execute-api', 'service']),
    date: new Date(Date.UTC(2015 + int(16), int(12), 1 + int(28), int(24), int(60), int(60))),
    access_key_id: 'AKIA' + str('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 16),
    secret: str(B64, 40, 40),
    token: chance(0.3) ? str(B64 + '=', 20, 400) : '',
    s3,
    content_sha256: chance(0.3),
    unsigned_payload: chance(0.1),
    headers: [],
    path: '/',
    query: '',
    body_hex: '',
  };
  if (sesShaped) {
    c.path = '/v2/email/outbound-emails';
    c.headers.push(['Content-Type', 'application/json']);
    const body = JSON.stringify({ FromEmailAddress: 'sender@example.com', Destination: { ToAddresses: ['a@example.com'] },
      Content: { Simple: { Subject: { Data: randomText(30) }, Body: { Text: { Data: randomText(200) } } } } });
    c.body_hex = Buffer.from(body, 'utf8').toString('hex');
  } else {
    const segs = [];
    for (let n = int(6); n > 0; n--) segs.push(wireSegment(!s3));
    c.path = '/' + segs.join('/') + (chance(0.3) ? '/' : '');
    if (chance(0.1)) c.path = '/';
    const params = [];
    const keyPool = ['a', 'b', 'A', 'key', 'Key', 'x-id', 'ሴ', 'a b', 'list-type', 'prefix', '', 'k=v', 'ü'];
    for (let n = int(7); n > 0; n--) {
      const key = chance(0.7) ? pick(keyPool) : randomText(6);
      const value = chance(0.15) ? null : randomText(12);
      let p = wireQueryPart(key);
      if (value !== null) p += '=' + wireQueryPart(value);
      params.push(p);
    }
    if (chance(0.1)) params.push('');
    c.query = params.join('&');
    const used = new Set();
    for (let n = int(7); n > 0; n--) {
      const name = pick(HEADER_NAMES);
      const dup = used.has(name.toLowerCase());
      used.add(name.toLowerCase());
      // A duplicate gets the other case sometimes, and plain values (see below).
      c.headers.push([dup && chance(0.5) ? name.toLowerCase() : name, headerValue(dup)]);
    }
    // The first of a duplicated name must be plain too: re-make those.
    const counts = {};
    for (const [n] of c.headers) counts[n.toLowerCase()] = (counts[n.toLowerCase()] || 0) + 1;
    for (const h of c.headers) if (counts[h[0].toLowerCase()] > 1) h[1] = headerValue(true);
    const b = rand();
    if (b < 0.3) c.body_hex = '';
    else if (b < 0.6) c.body_hex = Buffer.from(randomText(300), 'utf8').toString('hex');
    else if (b < 0.8) c.body_hex = Buffer.from(Array.from({ length: int(2048) }, () => int(256))).toString('hex');
    else c.body_hex = Buffer.from('{"k":"' + randomText(50).replace(/["\\]/g, '') + '"}', 'utf8').toString('hex');
  }
  return c;
}

// The request as smithy takes it: decoded query map, headers as an object
// (duplicates joined with ','), host as a header.
function smithyRequest(c) {
  const headers = { host: c.host };
  const firstName = {};
  for (const [name, value] of c.headers) {
    const l = name.toLowerCase();
    if (firstName[l] === undefined) {
      firstName[l] = name;
      headers[name] = value;
    } else {
      headers[firstName[l]] += ',' + value;
    }
  }
  if (c.unsigned_payload) headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  const query = {};
  for (const pair of c.query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    if (query[key] === undefined) query[key] = value;
    else if (Array.isArray(query[key])) query[key].push(value);
    else query[key] = [query[key], value];
  }
  const body = c.body_hex === '' ? undefined : Buffer.from(c.body_hex, 'hex');
  return { method: c.method, protocol: 'https:', hostname: c.host, path: c.path, query, headers, body };
}

async function main() {
  const lines = [];
  for (let i = 0; i < count; i++) {
    const c = makeCase(i);
    const sha256 = Hash.bind(null, 'sha256');
    const signer = new SignatureV4({
      credentials: { accessKeyId: c.access_key_id, secretAccessKey: c.secret, sessionToken: c.token || undefined },
      region: c.region, service: c.service, sha256, uriEscapePath: !c.s3,
      applyChecksum: c.content_sha256 || c.unsigned_payload,
    });
    const request = smithyRequest(c);
    const signed = await signer.sign(request, { signingDate: c.date });
    // The canonical request smithy signed, for the report of a mismatch.
    const payloadHash = await getPayloadHash(signed, sha256);
    const canonical = signer.createCanonicalRequest(signed, getCanonicalHeaders(signed), payloadHash);
    lines.push(JSON.stringify({
      ...c,
      date: c.date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      expected_authorization: signed.headers.authorization,
      smithy_canonical_request: canonical,
    }));
  }
  fs.writeFileSync(outFile, lines.join('\n') + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
