import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './zod-fr.js';

describe('the zod fallback', () => {
  it('speaks French when a schema gave no message of its own', () => {
    const result = z.object({ slug: z.string() }).safeParse({ slug: ['a', 'b'] });
    expect(result.success).toBe(false);
    const message = result.error!.issues[0]!.message;
    expect(message).not.toMatch(/Invalid|expected/);
    expect(message).toMatch(/attendu|Entrée/);
  });
});
