import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../platform/auth/password.js';
import { DEMO_ACCOUNTS, DEMO_SECOND } from './demo.js';

describe('demo accounts', () => {
  it.each([...DEMO_ACCOUNTS, DEMO_SECOND.admin])(
    '$email signs in with the documented password',
    async (account) => {
      expect(await verifyPassword(account.password, account.hash)).toBe(true);
    },
  );
});
