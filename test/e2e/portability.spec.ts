import fs from 'node:fs';
import { openDashboard } from './dashboard';
import { dbDump, expect, launchWithExtension, test } from './fixtures';
import { chooseFile, download, importFixture, reportOf, rowActions, sameBytes, scratch } from './portability';

// Issue 12 through the Import & export section of dashboard.html, driven by its contract test ids.

test.setTimeout(120_000);

test('import a LinkedIn Connections export and a HubSpot contacts export: previewed, duplicates merged as chosen, nudges follow', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  // Everything to start from is there without a click.
  await expect(dash.getByTestId('sidecar-export-json')).toBeVisible();
  await expect(dash.getByTestId('sidecar-import-file')).toHaveAttribute('accept', /\.csv/);

  await chooseFile(dash, importFixture('linkedin-connections.csv'));
  await expect(dash.getByTestId('sidecar-import-preset')).toHaveText('linkedin-connections');
  expect(await rowActions(dash)).toEqual(['create', 'create', 'create', 'create']);
  // The name with diacritics and the quoted, multi-line position are shown as read.
  await expect(dash.getByTestId('sidecar-import-row').nth(2)).toContainText('Zoë Müller-Łukasiewicz');
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 4, merged: 0, skipped: 0, errors: 0 });

  // HubSpot: Dana is known now (from LinkedIn, by email); "Dana P." repeats her in the file. Merge Dana, skip the repeat.
  await chooseFile(dash, importFixture('hubspot-contacts.csv'));
  await expect(dash.getByTestId('sidecar-import-preset')).toHaveText('hubspot-contacts');
  expect(await rowActions(dash)).toEqual(['merge', 'create', 'create', 'create', 'merge']);
  await dash.getByRole('combobox', { name: /^Line 6:/ }).selectOption('skip');
  expect(await rowActions(dash)).toEqual(['merge', 'create', 'create', 'create', 'skip']);
  await expect(dash.getByTestId('sidecar-import-row').nth(3)).toContainText('not an email address');
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 3, merged: 1, skipped: 1, errors: 0 });

  const db = await dbDump(context);
  const contacts = db.contacts!;
  expect(contacts).toHaveLength(7);
  const dana = contacts.filter((c) => c.emails.includes('dana@prospect.io'));
  expect(dana).toHaveLength(1);
  // Merged: LinkedIn's title stays, HubSpot filled nothing over it; the profile URL is kept.
  expect(dana[0]).toMatchObject({ name: 'Dana Prospect', title: 'VP Sales', linkedinUrl: 'https://www.linkedin.com/in/dana-prospect/' });
  const renee = contacts.find((c) => c.emails.includes('renee@oconnor.ie'));
  expect(renee).toMatchObject({ name: "Renée O'Connor, Jr." });
  // Imported leads nobody followed up get their nudge (the change markers brought them to the engine).
  await expect.poll(async () => (await dbDump(context)).nudges!.filter((n) => n.kind === 'never_followed_up' && n.contactId === renee.id).length, { timeout: 15_000 }).toBe(1);
});

test('HubSpot deals with the stage map accepted in one click; the contacts CSV export neutralises formulas', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  await chooseFile(dash, importFixture('hubspot-deals.csv'));
  await expect(dash.getByTestId('sidecar-import-preset')).toHaveText('hubspot-deals');
  const map = dash.getByTestId('sidecar-import-stage-map');
  await expect(map).toBeVisible();
  await expect(map.locator('[data-source="closedwon"] select')).toHaveValue('won');
  await expect(map.locator('[data-source="appointmentscheduled"] select')).toHaveValue('meeting');
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ created: 4, merged: 0, errors: 0 });
  const db = await dbDump(context);
  const won = db.deals!.find((d) => d.title === 'Prospect IO renewal');
  expect(won).toMatchObject({ status: 'won', valueMinor: 1200000, currency: 'USD' });
  expect(db.stageChanges!.filter((c) => c.dealId === won.id).map((c) => c.status).sort()).toEqual(['open', 'won']);

  // A custom CSV with formula-looking cells, then the CSV export.
  const hostile = scratch('people.csv', 'Name,Email,Company\r\n"=HYPERLINK(""http://evil.example"",""x"")",eve@evil.example,@Corp\r\n+62 812,plus@x.example,-Minus\r\n');
  await chooseFile(dash, hostile);
  await expect(dash.getByTestId('sidecar-import-preset')).toHaveText('custom');
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ created: 2 });
  const csv = await download(dash, 'sidecar-export-csv', 'contacts');
  expect(csv.name).toMatch(/^sidecar-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.startsWith('\uFEFFId,Name,Emails')).toBe(true);
  expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  expect(csv.text).toContain(`,'+62 812,`);
  expect(csv.text).toContain(`,'@Corp,`);
  expect(csv.text).toContain(`,'-Minus,`);
  // Indonesian names survive as UTF-8.
  expect(csv.text).toContain('Zoë Müller-Łukasiewicz');
  const deals = await download(dash, 'sidecar-export-csv', 'deals');
  expect(deals.text).toContain('Prospect IO renewal');
});

test('a full backup restored into a fresh profile gives back every record, setting and nudge state, field by field', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  for (const f of ['linkedin-connections.csv', 'pipedrive-deals.csv']) {
    await chooseFile(dash, importFixture(f));
    await dash.getByTestId('sidecar-import-confirm').click();
    await expect(dash.getByTestId('sidecar-import-report')).toHaveAttribute('data-status', 'done');
  }
  // A setting and some nudge states, as the rep would leave them.
  await dash.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
    await chrome.runtime.sendMessage({ type: 'ui/update-settings', patch: { currency: 'IDR', language: 'en' } });
    await chrome.runtime.sendMessage({ type: 'ui/nudge-done', id: 'never_followed_up:x:1' });
    await chrome.runtime.sendMessage({ type: 'ui/nudge-snooze', id: 'gone_quiet:y:2', until: '3d' });
  });
  await expect.poll(async () => (await dbDump(context)).nudgeStates!.length).toBe(2);
  const backup = await download(dash, 'sidecar-export-json');
  expect(backup.name).toMatch(/^sidecar-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const before = JSON.parse(backup.text);
  expect(before.tables.contacts.length).toBe(7);
  const file = scratch('backup.json', backup.text);

  const fresh = await launchWithExtension();
  try {
    const sw = fresh.serviceWorkers()[0] ?? (await fresh.waitForEvent('serviceworker'));
    const freshDash = await openDashboard(fresh, new URL(sw.url()).host);
    // A choice made on the welcome page first (newer than the backup's settings): the backup's settings still win,
    // since a profile without contacts, deals or activities is replaced, not merged.
    await freshDash.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
      await chrome.runtime.sendMessage({ type: 'ui/update-settings', patch: { currency: 'EUR' } });
    });
    await chooseFile(freshDash, file);
    await expect(freshDash.getByTestId('sidecar-import-preset')).toHaveText('backup');
    await freshDash.getByTestId('sidecar-import-confirm').click();
    expect(await reportOf(freshDash)).toMatchObject({ status: 'done', merged: 0, errors: 0 });
    const again = await download(freshDash, 'sidecar-export-json');
    const after = JSON.parse(again.text);
    for (const t of Object.keys(before.tables)) expect(after.tables[t], t).toEqual(before.tables[t]);
    expect(after.settings).toEqual(before.settings);
    expect(after.counts).toEqual(before.counts);
    expect(sameBytes(again.text)).toBe(sameBytes(backup.text));
  } finally {
    await fresh.close();
  }
});

test('hostile files each get a clear report and leave the database byte for byte unchanged', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  await chooseFile(dash, importFixture('linkedin-connections.csv'));
  await dash.getByTestId('sidecar-import-confirm').click();
  await expect(dash.getByTestId('sidecar-import-report')).toHaveAttribute('data-status', 'done');
  const before = sameBytes((await download(dash, 'sidecar-export-json')).text);

  const header = 'First Name,Last Name,Email\r\n';
  const million = scratch('million.csv', header + 'Ann,Lee,ann@x.example\r\n'.repeat(1_000_000));
  const huge = scratch('huge.csv', '');
  // 200 MB, sparse on disk: refused by its size before a byte is read.
  fs.truncateSync(huge, 200 * 1024 * 1024);
  const newer = JSON.parse((await download(dash, 'sidecar-export-json')).text);
  newer.version = 99;
  const hostile = structuredClone(newer);
  hostile.version = 1;
  hostile.tables.contacts[1].name = 'x'.repeat(10 * 1024 * 1024);
  const badSettings = structuredClone(newer);
  badSettings.version = 1;
  badSettings.settings = [{ key: 'app', value: { stages: 'not a list' }, updatedAt: 1 }];
  const cases: [string, string, RegExp][] = [
    ['windows-1252.csv', scratch('windows-1252.csv', Buffer.from('Name,Email\r\nM\xfcller,m@x.example\r\n', 'latin1')), /not UTF-8/],
    ['binary', scratch('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), /binary/],
    ['xlsx', scratch('sheet.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])), /binary file \(zip/],
    ['broken quoting', scratch('broken.csv', 'Name,Email\r\n"Dana,dana@x.example\r\nBudi,budi@x.example\r\n'), /never closed/],
    ['header only', scratch('header.csv', header), /no data rows/],
    ['1,000,000 rows', million, /more than 100,000 rows/],
    ['200 MB', huge, /too large \(200 MB\)/],
    ['newer backup', scratch('newer.json', JSON.stringify(newer)), /newer version of Sidecar/],
    ['not a backup', scratch('other.json', '{"hello": "world"}'), /not a Sidecar backup/],
    ['a 10 MB name', scratch('hostile.json', JSON.stringify(hostile)), /damaged: contacts record 2 is not valid \(name: /],
    ['settings of the wrong shape', scratch('settings.json', JSON.stringify(badSettings)), /damaged: settings record 1 is not valid \(value\.stages: /],
  ];
  for (const [label, file, message] of cases) {
    await chooseFile(dash, file);
    const r = await reportOf(dash);
    expect(r.status, label).toBe('refused');
    expect(r.text, label).toMatch(message);
    expect(r.text, label).toContain('nothing was changed');
    expect([r.created, r.merged], label).toEqual([0, 0]);
  }
  expect(sameBytes((await download(dash, 'sidecar-export-json')).text)).toBe(before);
});

test('a file with nothing to write still gets its report: every duplicate skipped, or every row in error', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  await chooseFile(dash, importFixture('linkedin-connections.csv'));
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 4 });
  const before = JSON.parse((await download(dash, 'sidecar-export-json')).text).tables;

  // The same export again, the rep skipping every duplicate.
  await chooseFile(dash, importFixture('linkedin-connections.csv'));
  expect(await rowActions(dash)).toEqual(['merge', 'merge', 'merge', 'merge']);
  await dash.getByTestId('sidecar-import-duplicates').selectOption('skip');
  expect(await rowActions(dash)).toEqual(['skip', 'skip', 'skip', 'skip']);
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 0, merged: 0, skipped: 4, errors: 0 });

  // No row names anybody.
  await chooseFile(dash, scratch('nobody.csv', 'Name,Email,Company\r\n,,Acme\r\n,,Globex\r\n'));
  expect(await rowActions(dash)).toEqual(['error', 'error']);
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 0, merged: 0, skipped: 0, errors: 2 });
  // Not a record written or touched (the column mapping the rep confirmed is remembered, as for any other file).
  expect(JSON.parse((await download(dash, 'sidecar-export-json')).text).tables).toEqual(before);
});

test('files as reps really have them: UTF-16 without a mark, an Indonesian Excel sheet, a re-saved LinkedIn export, a date before 1970', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  // Node's 'utf16le' writes no byte-order mark; tab-separated, as Excel's "Unicode text".
  await chooseFile(dash, scratch('unicode.csv', Buffer.from('Name\tEmail\r\nZoë Müller-Łukasiewicz\tzoe@x.example\r\n', 'utf16le')));
  await expect(dash.getByTestId('sidecar-import-preset')).toHaveText('custom');
  await expect(dash.getByTestId('sidecar-import-row').first()).toContainText('Zoë Müller-Łukasiewicz');
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 1 });

  // Semicolons, decimal commas, Rupiah with ",00", and a birth-year-like date before 1970 in one row: imported, the date left out.
  await chooseFile(dash, scratch('penjualan.csv', '\uFEFFNama;Email;Kesepakatan;Nilai;Dibuat\r\nBudi Santoso;budi@majujaya.co.id;ERP;Rp 1.500.000,00;13/03/2024\r\nPak Tua;tua@majujaya.co.id;Lama;Rp 250.000,00;01/02/1965\r\n'));
  expect(await rowActions(dash)).toEqual(['create', 'create']);
  await expect(dash.getByTestId('sidecar-import-row').nth(1)).toContainText('01/02/1965');
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 2, errors: 0 });

  // LinkedIn's Connections.csv opened and saved again in Excel: no blank line after the note, dates as 12-Nov-24.
  await chooseFile(dash, scratch('Connections.csv', 'Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses are missing."\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nDana,Prospect,https://www.linkedin.com/in/dana-prospect,,Prospect IO,VP Sales,12-Nov-24\r\n'));
  await expect(dash.getByTestId('sidecar-import-preset')).toHaveText('linkedin-connections');
  expect(await rowActions(dash)).toEqual(['create']);
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 1 });

  const db = await dbDump(context);
  expect(db.deals!.map((d) => [d.title, d.valueMinor, d.currency]).sort()).toEqual([['ERP', 1500000, 'IDR'], ['Lama', 250000, 'IDR']]);
  const dana = db.contacts!.find((c) => c.linkedinUrl === 'https://www.linkedin.com/in/dana-prospect/');
  expect(new Date(dana.createdAt).toDateString()).toBe(new Date(2024, 10, 12).toDateString());
});

test('line numbers as the file has them, an Excel sep= line, a HubSpot deal with several contacts, a named currency and its pipeline', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  // Excel's delimiter line, blank lines (one of delimiters only) between rows, and a repeat of Dana.
  await chooseFile(dash, scratch('excel.csv', 'sep=;\r\nName;Email;Notes\r\nDana;dana@x.example;a, b\r\n\r\nBudi;budi@x.example;\r\n;;\r\nDana P.;dana@x.example;\r\n'));
  await expect(dash.getByTestId('sidecar-import-preset')).toHaveText('custom');
  await expect(dash.getByTestId('sidecar-import-mapping').locator('select')).toHaveCount(3);
  expect(await rowActions(dash)).toEqual(['create', 'create', 'merge']);
  expect(await dash.getByTestId('sidecar-import-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-line')))).toEqual(['3', '5', '7']);
  await expect(dash.getByTestId('sidecar-import-row').nth(2)).toContainText('same person as line 3');
  await expect(dash.getByRole('combobox', { name: /^Line 7:/ })).toBeVisible();
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 2, merged: 1, errors: 0 });

  const stage = 'Appointment Scheduled (Sales Pipeline)';
  await chooseFile(
    dash,
    scratch('deals.csv', `"Record ID","Deal Name","Deal Stage","Amount","Associated Contact","Deal Currency Code"\r\n"1","ERP","${stage}","1500","Budi Santoso (budi@majujaya.co.id);Siti Rahayu (siti@majujaya.co.id)","New Zealand Dollar (NZD)"\r\n`),
  );
  await expect(dash.getByTestId('sidecar-import-preset')).toHaveText('hubspot-deals');
  await expect(dash.getByTestId('sidecar-import-stage-map').locator(`[data-source="${stage}"] select`)).toHaveValue('meeting');
  await expect(dash.getByTestId('sidecar-import-row').first()).toContainText('Budi Santoso');
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 1, errors: 0 });
  const db = await dbDump(context);
  expect(db.contacts!.find((c) => c.emails.includes('budi@majujaya.co.id'))).toMatchObject({ name: 'Budi Santoso', emails: ['budi@majujaya.co.id'] });
  expect(db.contacts!.some((c) => c.emails.includes('siti@majujaya.co.id'))).toBe(false);
  expect(db.deals!.find((d) => d.title === 'ERP')).toMatchObject({ stageId: 'meeting', valueMinor: 150000, currency: 'NZD' });
});

test('a backup restored over data: replace warns, saves the current data first, then holds exactly the backup; merge only adds', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  await chooseFile(dash, importFixture('linkedin-connections.csv'));
  await dash.getByTestId('sidecar-import-confirm').click();
  await expect(dash.getByTestId('sidecar-import-report')).toHaveAttribute('data-status', 'done');
  const backup = await download(dash, 'sidecar-export-json');
  await chooseFile(dash, importFixture('hubspot-contacts.csv'));
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', created: 3 });
  const current = await download(dash, 'sidecar-export-json');

  // Replace: the choice is offered, the warning shown, and the current data downloaded before anything is written.
  await chooseFile(dash, scratch('backup.json', backup.text));
  await expect(dash.getByTestId('sidecar-import-preset')).toHaveText('backup');
  await expect(dash.getByTestId('sidecar-restore-merge')).toBeChecked();
  await dash.getByTestId('sidecar-restore-replace').check();
  await expect(dash.getByRole('alert')).toBeVisible();
  const [saved] = await Promise.all([dash.waitForEvent('download'), dash.getByTestId('sidecar-import-confirm').click()]);
  expect(saved.suggestedFilename()).toMatch(/^sidecar-backup-before-restore-\d{4}-\d{2}-\d{2}\.json$/);
  expect(sameBytes(fs.readFileSync(await saved.path(), 'utf8'))).toBe(sameBytes(current.text));
  expect(await reportOf(dash)).toMatchObject({ status: 'done', merged: 0, errors: 0 });
  const replaced = JSON.parse((await download(dash, 'sidecar-export-json')).text);
  expect(replaced.tables).toEqual(JSON.parse(backup.text).tables);
  expect(replaced.settings).toEqual(JSON.parse(backup.text).settings);

  // Merge the saved data back: the three HubSpot people come back, the four matched by id are left as they are.
  await chooseFile(dash, scratch('current.json', current.text));
  await dash.getByTestId('sidecar-restore-merge').check();
  await expect(dash.getByRole('alert')).toHaveCount(0);
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', errors: 0 });
  const merged = JSON.parse((await download(dash, 'sidecar-export-json')).text);
  expect(merged.tables.contacts).toEqual(JSON.parse(current.text).tables.contacts);
});

test('restored settings take effect at once: the side panel, the language pages are told, the automatic backup schedule', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const settings = (patch: object) =>
    dash.evaluate((p) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'ui/update-settings', patch: p }), patch);
  const flags = () => sw.evaluate(async () => [await (globalThis as any).chrome.storage.local.get(['sidePanel', 'uiLanguage']), !!(await (globalThis as any).chrome.alarms.get('sidecar-auto-backup'))]);
  await chooseFile(dash, importFixture('linkedin-connections.csv'));
  await dash.getByTestId('sidecar-import-confirm').click();
  await expect(dash.getByTestId('sidecar-import-report')).toHaveAttribute('data-status', 'done');
  const backups = { enabled: true, every: 'weekly', keep: 3 };
  await settings({ sidePanel: true, language: 'id', backups });
  const backup = await download(dash, 'sidecar-export-json');
  await settings({ sidePanel: false, language: 'en', backups: { ...backups, enabled: false } });
  await expect.poll(flags).toEqual([{ sidePanel: false, uiLanguage: 'en' }, false]);

  await chooseFile(dash, scratch('backup.json', backup.text));
  await dash.getByTestId('sidecar-restore-replace').check();
  await dash.getByTestId('sidecar-import-confirm').click();
  expect(await reportOf(dash)).toMatchObject({ status: 'done', errors: 0 });
  await expect.poll(flags).toEqual([{ sidePanel: true, uiLanguage: 'id' }, true]);
});
