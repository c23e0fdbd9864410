import { describe, expect, it } from 'vitest';
import { LIVE_PORT } from '../messaging/live';
import { BOOT_PORT_NAME } from './live-boot';

describe('live boot', () => {
  it('opens the same port the live server serves', () => {
    expect(BOOT_PORT_NAME).toBe(LIVE_PORT);
  });
});
