import { describe, expect, it } from 'vitest';
import { AppError, errorCodes } from './registry.ts';

describe('the error registry', () => {
  it('gives every code an HTTP error status and a Korean message', () => {
    for (const [code, { status, message }] of Object.entries(errorCodes)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      expect(message, code).toMatch(/[가-힣]/);
    }
  });

  it('throws with the registry\'s status and message unless a better message is given', () => {
    const error = new AppError('SOLD_OUT');
    expect([error.status, error.message]).toEqual([409, errorCodes.SOLD_OUT.message]);
    expect(new AppError('SOLD_OUT', { message: '1자리 남았습니다.' }).message).toBe('1자리 남았습니다.');
  });
});
