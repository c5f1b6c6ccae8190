import { createHmac } from 'node:crypto';
import type { HubConfig } from '../config';

/** `sha256`: the unkeyed legacy chain; the others are keyed with AUDIT_HMAC_KEY. */
export type AuditAlgorithm = 'sha256' | 'hmac-sha256' | 'hmac-sm3';
export type KeyedAlgorithm = Exclude<AuditAlgorithm, 'sha256'>;
export const KEYED_ALGORITHMS: readonly KeyedAlgorithm[] = ['hmac-sha256', 'hmac-sm3'];

const DIGEST: Record<KeyedAlgorithm, string> = { 'hmac-sha256': 'sha256', 'hmac-sm3': 'sm3' };

export const macHex = (alg: KeyedAlgorithm, secret: Buffer, text: string): string => createHmac(DIGEST[alg], secret).update(text, 'utf8').digest('hex');

/**
 * Names a key without revealing it: stored with every keyed entry and checkpoint,
 * so verification picks the right key after a rotation. Always HMAC-SHA256 so that
 * one key has one id whichever algorithm it is used with.
 */
export const keyId = (secret: Buffer): string => createHmac('sha256', secret).update('xuncha-audit-key-id').digest('hex').slice(0, 16);

export interface AuditKeys {
  /** What new entries and checkpoints are written with. */
  alg: KeyedAlgorithm;
  keyId: string;
  secret: Buffer;
  /** Every key verification accepts (the current one and AUDIT_HMAC_PREVIOUS_KEYS), by id. */
  byId: ReadonlyMap<string, Buffer>;
}

export function auditKeys(config: Pick<HubConfig, 'auditHmacKey' | 'auditPreviousKeys' | 'auditHash'>): AuditKeys {
  const secret = Buffer.from(config.auditHmacKey, 'utf8');
  const byId = new Map<string, Buffer>();
  for (const k of [config.auditHmacKey, ...config.auditPreviousKeys]) {
    const b = Buffer.from(k, 'utf8');
    byId.set(keyId(b), b);
  }
  return { alg: config.auditHash === 'sm3' ? 'hmac-sm3' : 'hmac-sha256', keyId: keyId(secret), secret, byId };
}
