// @vitest-environment happy-dom
import { act } from 'react';
import { fakeBrowser } from 'wxt/testing';
import { reactHostPerTest } from '@/test/unit/react-host';
import { CommandError } from './CommandError';
import { useCommand } from './hooks';
import { I18nProvider } from './i18n';

/** A button that logs a call through the one command hook, and where its failure shows. */
function LogCall({ onLogged }: { onLogged: (id: string) => void }) {
  const cmd = useCommand();
  return (
    <>
      <button type="button" data-testid="log" onClick={() => cmd.run({ type: 'ui/log-activity', contactId: 'c1', kind: 'call' }, (r) => onLogged(r.activityId))}>
        log
      </button>
      <CommandError command={cmd} />
    </>
  );
}

const dom = reactHostPerTest();
const sendMessage = vi.fn();
beforeEach(() => {
  sendMessage.mockReset();
  fakeBrowser.runtime.sendMessage = sendMessage as never;
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

async function render(language: 'en' | 'id' = 'en') {
  const logged = vi.fn();
  await act(async () =>
    dom.root.render(
      <I18nProvider setting={language}>
        <LogCall onLogged={logged} />
      </I18nProvider>,
    ),
  );
  const click = (id: string) => act(async () => dom.host.querySelector<HTMLButtonElement>(`[data-testid=${id}]`)!.click());
  const alert = () => dom.host.querySelector('[role=alert]');
  return { logged, click, alert };
}

describe('useCommand + CommandError', () => {
  it('shows an unreachable background in plain words, and Try again sends the same command and runs its follow-up', async () => {
    sendMessage.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'));
    sendMessage.mockResolvedValueOnce({ ok: true, data: { activityId: 'a1' } });
    const { logged, click, alert } = await render();
    await click('log');
    expect(alert()?.textContent).toContain('Sidecar is not responding');
    expect(alert()?.textContent).not.toContain('Receiving end');
    expect(logged).not.toHaveBeenCalled();
    await click('sidecar-command-retry');
    expect(sendMessage).toHaveBeenCalledTimes(2);
    expect(sendMessage.mock.calls[1]![0]).toEqual({ type: 'ui/log-activity', contactId: 'c1', kind: 'call' });
    expect(logged).toHaveBeenCalledWith('a1');
    expect(alert()).toBeNull();
  });

  it('offers no retry when the background refused the input, and says so in Indonesian too', async () => {
    sendMessage.mockResolvedValue({ ok: false, error: { code: 'bad_request', message: 'contactId: too long' } });
    const { click, alert } = await render('id');
    await click('log');
    expect(alert()?.textContent).toBe('Sidecar tidak dapat menerimanya. Periksa isian Anda.');
    expect(dom.host.querySelector('[data-testid=sidecar-command-retry]')).toBeNull();
  });

  it('treats a failing handler and a missing reply as failures worth a retry', async () => {
    sendMessage.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'db closed' } });
    sendMessage.mockResolvedValueOnce(undefined);
    const { logged, click, alert } = await render();
    await click('log');
    expect(alert()?.textContent).toContain('Sidecar could not do that just now.');
    await click('sidecar-command-retry');
    expect(alert()?.textContent).toContain('Sidecar is not responding');
    expect(dom.host.querySelector('[data-testid=sidecar-command-retry]')).not.toBeNull();
    expect(logged).not.toHaveBeenCalled();
  });
});
