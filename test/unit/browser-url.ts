// Browsers give extension URLs a real origin ("chrome-extension://<id>"); Node's URL gives
// "null" for any non-special scheme. Tests of the router's origin checks use this instead.
export class BrowserURL extends URL {
  override get origin(): string {
    return /^(chrome|moz)-extension:$/.test(this.protocol) ? `${this.protocol}//${this.host}` : super.origin;
  }
}

/** For the calling test file: URL behaves as in a browser. */
export function useBrowserURL(): void {
  beforeAll(() => vi.stubGlobal('URL', BrowserURL));
  afterAll(() => vi.unstubAllGlobals());
}
