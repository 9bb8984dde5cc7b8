// Comparison matrix pages opened from disk (file://), built from the matrix
// fixture (tests/sites/ok/matrix/): the table reads without JavaScript; with
// it, the filters, the sort buttons and the compare view work, and a
// #compare=… hash (a shared link) opens the compare view on load.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import {
  assertRequestsStayUnder, buildFixture, checkLinks, fileUrlMapper, launchBrowser, newPage, screenshot,
  sourceDir, tempDir,
} from './helpers.mjs';

let work;
let out;
let browser;
let storesUrl;

before(async () => {
  work = tempDir('kb-matrix-browser-');
  out = buildFixture('matrix', path.join(work, 'site'), { flags: ['--strict'] });
  storesUrl = pathToFileURL(path.join(out, 'matrices', 'stores.html')).href;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// Titles of the table's visible rows, in order.
const visibleRows = (page) => page.$$eval('#matrix-table tbody tr',
  (rows) => rows.filter((r) => !r.hidden).map((r) => r.querySelector('th a').textContent.trim()));

test('without JavaScript the table is all there and the controls are hidden', { timeout: 60_000 }, async () => {
  const { context, page, requests } = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(storesUrl);
  assert.deepEqual(await visibleRows(page), ['Amazon EBS', 'Amazon EFS', 'Amazon FSx for Lustre', 'Amazon S3', 'S3 Glacier']);
  const headers = await page.$$eval('#matrix-table thead th', (ths) => ths.map((t) => t.textContent.trim()));
  assert.deepEqual(headers, ['Name', 'Category', 'Access', 'Serverless', 'Largest object (TB)', 'Typical use',
    'Often confused with']);
  assert.equal(await page.locator('.matrix-controls').isVisible(), false, 'controls shown without JS');
  assert.equal(await page.locator('.matrix-compare').isVisible(), false);
  assert.equal(await page.locator('.matrix-pick').count(), 0);
  // Sticky header row: position sticky inside a box that scrolls both ways.
  const sticky = await page.$eval('#matrix-table thead th', (th) => getComputedStyle(th).position);
  assert.equal(sticky, 'sticky');
  const overflow = await page.$eval('.matrix-main', (d) => getComputedStyle(d).overflowY);
  assert.equal(overflow, 'auto');
  // Each row's first cell leads to its note; every link resolves.
  await page.click('#matrix-table a:text("Amazon EFS")');
  await page.waitForLoadState('load');
  assert.ok(page.url().endsWith('/storage/efs.html'), page.url());
  assert.equal(await page.locator('.matrix-card').count(), 1, 'the note shows no card');
  await checkLinks(page, fileUrlMapper(out));
  await page.goto(storesUrl);
  await checkLinks(page, fileUrlMapper(out));
  assertRequestsStayUnder(requests, pathToFileURL(out).href + '/');
  await screenshot(page, 'matrix-nojs');
  await context.close();
});

test('filters by column and by free text', { timeout: 60_000 }, async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(storesUrl);
  assert.ok(await page.locator('.matrix-controls').isVisible(), 'controls hidden with JS');
  await page.selectOption('select[data-filter="category"]', 'archive');
  assert.deepEqual(await visibleRows(page), ['S3 Glacier']);
  await page.selectOption('select[data-filter="category"]', '');
  // A list column matches any of its items.
  await page.selectOption('select[data-filter="access"]', 'HTTP API');
  assert.deepEqual(await visibleRows(page), ['Amazon S3', 'S3 Glacier']);
  await page.selectOption('select[data-filter="serverless"]', 'Yes');
  assert.deepEqual(await visibleRows(page), ['Amazon S3', 'S3 Glacier']);
  await page.selectOption('select[data-filter="access"]', '');
  assert.deepEqual(await visibleRows(page), ['Amazon EFS', 'Amazon S3', 'S3 Glacier']);
  await page.selectOption('select[data-filter="serverless"]', '');
  // Free text: every word, anywhere in the row, any case.
  await page.fill('input[data-filter="text"]', 'POSIX');
  assert.deepEqual(await visibleRows(page), ['Amazon EFS']);
  await page.fill('input[data-filter="text"]', 'data lakes');
  assert.deepEqual(await visibleRows(page), ['Amazon S3']);
  await page.fill('input[data-filter="text"]', 'nothing like this');
  assert.deepEqual(await visibleRows(page), []);
  assert.ok(await page.locator('.matrix-empty').isVisible(), 'no "no match" message');
  await page.fill('input[data-filter="text"]', '');
  assert.equal((await visibleRows(page)).length, 5);
  assert.match(await page.locator('.matrix-status').textContent(), /^5 rows/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('column headers sort, with aria-sort', { timeout: 60_000 }, async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(storesUrl);
  const ariaSort = (column) => page.getAttribute(`#matrix-table th[data-column="${column}"]`, 'aria-sort');
  assert.equal(await ariaSort('title'), 'ascending');
  await page.click('th[data-column="category"] button.matrix-sort');
  // Ties keep the title order, in either direction.
  assert.deepEqual(await visibleRows(page), ['S3 Glacier', 'Amazon EBS', 'Amazon EFS', 'Amazon FSx for Lustre', 'Amazon S3']);
  assert.equal(await ariaSort('category'), 'ascending');
  assert.equal(await ariaSort('title'), null);
  await page.click('th[data-column="category"] button.matrix-sort');
  assert.deepEqual(await visibleRows(page), ['Amazon S3', 'Amazon EFS', 'Amazon FSx for Lustre', 'Amazon EBS', 'S3 Glacier']);
  assert.equal(await ariaSort('category'), 'descending');
  // Numbers sort as numbers; rows without a value go last either way.
  await page.click('th[data-column="max_object_tb"] button.matrix-sort');
  assert.equal((await visibleRows(page))[0], 'Amazon S3');
  await page.click('th[data-column="max_object_tb"] button.matrix-sort');
  assert.equal((await visibleRows(page))[0], 'Amazon S3');
  await page.click('th[data-column="title"] button.matrix-sort');
  assert.deepEqual(await visibleRows(page), ['Amazon EBS', 'Amazon EFS', 'Amazon FSx for Lustre', 'Amazon S3', 'S3 Glacier']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('picked rows compare side by side, and the URL hash shares the view', { timeout: 60_000 }, async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(storesUrl);
  const compareButton = page.locator('button[data-action="compare"]');
  assert.ok(await compareButton.isDisabled(), 'compare enabled with nothing picked');
  await page.check('#row-efs .matrix-pick');
  assert.ok(await compareButton.isDisabled(), 'compare enabled with one row');
  await page.check('#row-ebs .matrix-pick');
  assert.ok(await compareButton.isEnabled());
  await compareButton.click();
  await page.waitForFunction(() => location.hash === '#compare=efs,ebs');
  const compare = page.locator('.matrix-compare');
  assert.ok(await compare.isVisible(), 'compare view not shown');
  assert.equal(await page.locator('.matrix-main').isVisible(), false, 'the table stays beside the compare view');
  const columns = await page.$$eval('.matrix-compare-table thead th', (ths) => ths.map((t) => t.textContent.trim()));
  assert.deepEqual(columns, ['Attribute', 'Amazon EFS', 'Amazon EBS']);
  const attributes = await page.$$eval('.matrix-compare-table tbody th', (ths) => ths.map((t) => t.textContent.trim()));
  assert.equal(attributes.length, 6);
  assert.equal(attributes[0], 'Category');
  const category = await page.$$eval('.matrix-compare-table tbody tr:first-child td', (tds) => tds.map((t) => t.textContent.trim()));
  assert.deepEqual(category, ['file', 'block']);
  await screenshot(page, 'matrix-compare');

  // Back to the table.
  await page.click('button[data-action="close"]');
  assert.ok(await page.locator('.matrix-main').isVisible());
  assert.equal(await compare.isVisible(), false);

  // A shared link opens the compare view directly; unknown ids are ignored.
  const shared = await context.newPage();
  await shared.goto(`${storesUrl}#compare=s3,glacier,nope,ebs`);
  await shared.waitForSelector('.matrix-compare-table thead th');
  assert.ok(await shared.locator('.matrix-compare').isVisible(), 'a #compare= link does not open the compare view');
  const shown = await shared.$$eval('.matrix-compare-table thead th', (ths) => ths.slice(1).map((t) => t.textContent.trim()));
  assert.deepEqual(shown, ['Amazon S3', 'S3 Glacier', 'Amazon EBS']);
  assert.equal(await shared.locator('.matrix-pick:checked').count(), 3);
  // Links inside the compare view lead to the notes.
  await shared.click('.matrix-compare-table thead a:text("S3 Glacier")');
  await shared.waitForLoadState('load');
  assert.ok(shared.url().endsWith('/storage/glacier.html'), shared.url());

  // One row is not a comparison: the table, with that row picked.
  await page.goto(`${storesUrl}#compare=efs`);
  await page.reload();
  assert.equal(await compare.isVisible(), false);
  assert.equal(await page.locator('.matrix-pick:checked').count(), 1);
  // At most four: once four are picked the fifth box is disabled.
  await page.goto(`${storesUrl}#compare=efs,ebs,s3,glacier,fsx`);
  await page.reload();
  assert.equal(await page.locator('.matrix-compare-table thead th').count(), 5);
  assert.equal(await page.locator('.matrix-pick:checked').count(), 4);
  assert.ok(await page.locator('#row-fsx .matrix-pick').isDisabled(), 'a fifth row can be picked');
  assert.deepEqual(errors, []);
  await context.close();
});

test("a note's card leads to its row, shown under the table's header row", { timeout: 60_000 }, async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 1280, height: 500 } });
  await page.goto(pathToFileURL(path.join(out, 'storage', 'glacier.html')).href);
  await page.click('.matrix-card-link a');
  await page.waitForLoadState('load');
  assert.ok(page.url().endsWith('/matrices/stores.html#row-glacier'), page.url());
  await page.waitForTimeout(100);
  const place = await page.evaluate(() => {
    const head = document.querySelector('#matrix-table thead').getBoundingClientRect();
    const row = document.getElementById('row-glacier').getBoundingClientRect();
    return { head: head.bottom, headTop: head.top, row: row.top, height: innerHeight };
  });
  assert.ok(place.headTop >= 0, `the header row is above the screen (${JSON.stringify(place)})`);
  assert.ok(place.row >= place.head - 1 && place.row < place.height, `the row is not in view (${JSON.stringify(place)})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a phone shows the table in its own scrolling box, and the dark theme', { timeout: 60_000 }, async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  await page.goto(storesUrl);
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(pageWidth <= 390, `the page scrolls sideways on a phone (${pageWidth}px)`);
  const box = await page.$eval('.matrix-main', (d) => ({ scroll: d.scrollWidth, client: d.clientWidth }));
  assert.ok(box.scroll > box.client, 'the table does not scroll in its box');
  await screenshot(page, 'matrix-phone-dark');
  await page.goto(pathToFileURL(path.join(out, 'storage', 's3.html')).href);
  assert.ok(await page.locator('.matrix-card dl').isVisible());
  await screenshot(page, 'matrix-card-phone-dark');
  assert.deepEqual(errors, []);
  await context.close();
});
