import { createHmac } from 'node:crypto';

/** What an authenticator app computes, re-done in Node for the browser tests (checked against RFC 6238's vectors in second-factor.spec.ts). */

/** RFC 4648 Base32, as authenticator apps read the key. */
export function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}

/** RFC 6238 TOTP with HMAC-SHA1 and 30-second steps, as Otp.NET and authenticator apps compute it. */
export function totp(key: Buffer, step: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
}

export const currentStep = () => Math.floor(Date.now() / 30_000);
