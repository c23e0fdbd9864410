import path from 'node:path';
import { chooseProfile, FRESH_ENV, KEPT_PROFILE } from '../../scripts/profile.mjs';

const root = path.resolve('some', 'checkout');

describe('npm start: which profile', () => {
  it('keeps one profile folder inside the repository by default', () => {
    expect(chooseProfile([], {}, root)).toEqual({ fresh: false, dir: path.join(root, '.profile') });
    expect(KEPT_PROFILE).toBe('.profile');
  });

  it('is the same folder on every start, whatever other arguments come', () => {
    const a = chooseProfile(['--verbose'], { LANG: 'id_ID.UTF-8' }, root);
    const b = chooseProfile([], {}, root);
    expect(a).toEqual(b);
  });

  it('takes a throwaway profile with --fresh', () => {
    expect(chooseProfile(['--fresh'], {}, root)).toEqual({ fresh: true });
    expect(chooseProfile(['--other', '--fresh'], {}, root)).toEqual({ fresh: true });
  });

  it('takes a throwaway profile when SIDECAR_FRESH is set to a yes', () => {
    expect(FRESH_ENV).toBe('SIDECAR_FRESH');
    for (const v of ['1', 'true', 'TRUE', 'yes', 'on', ' 1 ']) expect(chooseProfile([], { SIDECAR_FRESH: v }, root)).toEqual({ fresh: true });
  });

  it('keeps the profile when SIDECAR_FRESH is empty or a no, and for look-alike flags', () => {
    for (const v of ['', '0', 'false', 'no', 'off', undefined]) {
      expect(chooseProfile([], { SIDECAR_FRESH: v }, root)).toEqual({ fresh: false, dir: path.join(root, '.profile') });
    }
    expect(chooseProfile(['--freshen', 'fresh', '-fresh'], {}, root)).toEqual({ fresh: false, dir: path.join(root, '.profile') });
  });
});
