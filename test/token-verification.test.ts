import { generateKeyPairSync } from 'node:crypto';
import { exportJWK } from 'jose';
import { loadConfig } from '../src/config';
import { mintToken, verifyCallerToken } from '../src/gateway/tokens';
import { badTokens } from './support/tokens';

/**
 * Issue 11: a caller token's signature is checked once and remembered for a short while
 * (the check was the largest fixed cost of a request). What is remembered must never let
 * through a token that a fresh check would refuse now.
 */
describe('remembered token checks', () => {
  const config = loadConfig();
  const principal = '11111111-1111-4111-8111-111111111111';

  it('still refuses a token once it has expired, though it passed a moment before', async () => {
    const token = await mintToken(config, principal, '2s');
    expect(await verifyCallerToken(config, token)).toBe(principal);
    await new Promise((r) => setTimeout(r, 2500));
    await expect(verifyCallerToken(config, token)).rejects.toThrow();
  });

  it('does not carry a check over to a verifier with other keys', async () => {
    const token = await mintToken(config, principal);
    expect(await verifyCallerToken(config, token)).toBe(principal);
    const other = await exportJWK(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
    await expect(verifyCallerToken({ ...config, jwks: JSON.stringify({ keys: [{ ...other, alg: 'ES256', use: 'sig' }] }) }, token)).rejects.toThrow();
  });

  it('refuses a forged token every time, and does not confuse it with the real one for the same principal', async () => {
    const real = await mintToken(config, principal);
    expect(await verifyCallerToken(config, real)).toBe(principal);
    const { forged } = await badTokens(config, principal);
    for (let i = 0; i < 2; i++) await expect(verifyCallerToken(config, forged)).rejects.toThrow();
  });
});
