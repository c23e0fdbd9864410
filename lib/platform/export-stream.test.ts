import { streamExport, type ExportEvent } from './export-stream';

async function* pieces(n: number, log: string[], failAt = -1): AsyncGenerator<string> {
  for (let i = 0; i < n; i++) {
    await Promise.resolve();
    if (i === failAt) throw new Error('read failed');
    log.push(`read ${i}`);
    yield `p${i}`;
  }
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('streamExport', () => {
  it('keeps at most `window` pieces unacknowledged, in order, then ends', async () => {
    const log: string[] = [];
    const sent: ExportEvent[] = [];
    const s = streamExport(pieces(5, log), (e) => sent.push(e), 2);
    await settle();
    expect(sent).toEqual([{ chunk: 'p0' }, { chunk: 'p1' }]);
    s.ack();
    await settle();
    expect(sent.at(-1)).toEqual({ chunk: 'p2' });
    expect(sent).toHaveLength(3);
    s.ack();
    s.ack();
    await settle();
    s.ack();
    s.ack();
    await settle();
    expect(sent).toEqual([{ chunk: 'p0' }, { chunk: 'p1' }, { chunk: 'p2' }, { chunk: 'p3' }, { chunk: 'p4' }, { end: true }]);
  });

  it('reports a failed read once and sends nothing after it', async () => {
    const sent: ExportEvent[] = [];
    const s = streamExport(pieces(5, [], 1), (e) => sent.push(e), 3);
    await settle();
    s.ack();
    await settle();
    expect(sent).toEqual([{ chunk: 'p0' }, { error: 'read failed' }]);
  });

  it('stops reading when closed', async () => {
    const log: string[] = [];
    const sent: ExportEvent[] = [];
    const s = streamExport(pieces(10, log), (e) => sent.push(e), 1);
    await settle();
    s.close();
    s.ack();
    await settle();
    expect(sent).toEqual([{ chunk: 'p0' }]);
    expect(log.length).toBeLessThanOrEqual(2);
  });
});
