// Link previews and the graph of the notes, as a reader meets them from
// file://: hovering a link shows its note (or the section or block it
// names) from a script-loaded file fetched once; focus opens it after a
// delay and Esc closes it; a tap follows the link; other sites get none.
// graph.html draws every note, filters by group and tag, finds and opens a
// note; a note's local graph shows its neighbours on a wide screen and waits
// behind its summary on a phone. Figures (bytes of a cold preview, time to
// the graph's first draw) are printed for the closing notes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import { kbBinary, launchBrowser, newPage, tempDir } from './helpers.mjs';

let work;
let out;
let browser;

before(async () => {
  work = tempDir('kb-previews-');
  const notes = path.join(work, 'notes');
  const files = {
    'index.md': '# Home\n\nStart at [[Alpha]].\n',
    'topics/alpha.md': '---\ntitle: Alpha\nsummary: The first letter, and where it starts.\ntags: [greek]\n---\n' +
      'Alpha leads to [[Beta]], to [[Beta#Deep section|a section]], to [[Beta#^key-point|a block]] and to ' +
      '[[Gamma ray]]. Elsewhere: [a site](https://example.org/).\n\n## More\n\nBack to [[Beta]].\n',
    'topics/beta.md': '---\ntitle: Beta\nsummary: Second of its kind.\ntags: [greek, letters]\n---\n' +
      'Beta opens with this sentence and `code`.\n\n```python\nprint("beta")\n```\n\n## Deep section\n\n' +
      'Only the section shows here.\n\n- a plain item\n- the key point ^key-point\n\nSee [[Alpha]].\n',
    'other folder/gamma ray.md': '---\ntitle: Gamma ray\n---\nHigh energy. See [[Beta]].\n',
    'other folder/lonely.md': '---\ntitle: Lonely\n---\nNo links at all.\n',
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(notes, name)), { recursive: true });
    fs.writeFileSync(path.join(notes, name), text);
  }
  out = path.join(work, 'site');
  const r = spawnSync(kbBinary, ['build', '--notes', notes, '--out', out], { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const at = (file) => pathToFileURL(path.join(out, file)).href;

async function previewText(page) {
  await page.waitForSelector('.preview:not([hidden])', { timeout: 5000 });
  return page.$eval('.preview', (p) => p.textContent);
}

test('hovering a link previews its note, its section or its block, fetching each note once', async () => {
  const { context, page, errors } = await newPage(browser);
  const fetched = [];
  page.on('requestfinished', async (r) => {
    if (!r.url().includes('/assets/notes/')) return;
    const body = await (await r.response())?.body();
    fetched.push({ url: r.url(), bytes: body ? body.length : 0 });
  });
  await page.goto(at('topics/alpha.html'));
  await page.hover('.note-body a:text-is("Beta")');
  let text = await previewText(page);
  assert.match(text, /^Beta/);
  assert.match(text, /Second of its kind\./);
  assert.match(text, /Beta opens with this sentence/);
  assert.match(text, /print\("beta"\)/);
  assert.doesNotMatch(text, /Only the section shows here/);
  // Highlighted as on its page, and its links made to work from here.
  assert.ok(await page.$('.preview pre code .hljs-built_in, .preview pre code [class^="hljs"]'));
  await page.mouse.move(5, 5);
  await page.waitForSelector('.preview', { state: 'hidden' });

  await page.hover('.note-body a:text-is("a section")');
  text = await previewText(page);
  assert.match(text, /Beta › Deep section/);
  assert.match(text, /Only the section shows here/);
  assert.doesNotMatch(text, /Beta opens/);
  const back = await page.$eval('.preview a', (a) => a.href);
  assert.equal(back, at('topics/alpha.html'));
  await page.keyboard.press('Escape');
  await page.waitForSelector('.preview', { state: 'hidden' });

  await page.hover('.note-body a:text-is("a block")');
  text = await previewText(page);
  assert.match(text, /the key point/);
  assert.doesNotMatch(text, /a plain item/);
  await page.mouse.move(5, 5);

  // A note in a folder with a space in its name.
  await page.hover('.note-body a:text-is("Gamma ray")');
  assert.match(await previewText(page), /High energy/);
  await page.mouse.move(5, 5);
  await page.waitForSelector('.preview', { state: 'hidden' });

  // Another site: nothing.
  await page.hover('.note-body a[href^="https://"]');
  await page.waitForTimeout(800);
  assert.equal(await page.isVisible('.preview'), false);

  const beta = fetched.filter((f) => f.url.endsWith('/topics/beta.js'));
  assert.equal(beta.length, 1, JSON.stringify(fetched));  // three links to Beta, one request
  const ids = await page.$$eval('.preview [id]', (els) => els.length);
  assert.equal(ids, 0);
  console.log(`# one cold preview: 1 request, ${beta[0].bytes} bytes (assets/notes/topics/beta.js: its preview and its local graph)`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('focus opens a preview after a delay and Esc closes it; the popover takes no focus', async () => {
  const { context, page, errors } = await newPage(browser);
  await page.goto(at('topics/alpha.html'));
  await page.focus('.note-body a:text-is("Beta")');
  await page.waitForTimeout(300);
  assert.equal(await page.isVisible('.preview'), false);  // not at once: Tab passes through links
  assert.match(await previewText(page), /Beta opens/);
  assert.equal(await page.getAttribute('.preview', 'aria-hidden'), 'true');
  const tabbable = await page.$$eval('.preview a, .preview [tabindex]', (els) =>
    els.filter((e) => e.tabIndex >= 0).length);
  assert.equal(tabbable, 0);
  await page.keyboard.press('Tab');  // focus moves on along the page, not into the popover
  assert.equal(await page.evaluate(() => !!document.activeElement.closest('.preview')), false);
  await page.keyboard.press('Escape');
  await page.waitForSelector('.preview', { state: 'hidden' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tap on a touch screen follows the link, with no popover', async () => {
  const { context, page, errors } = await newPage(browser, { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  await page.goto(at('topics/alpha.html'));
  await Promise.all([page.waitForURL(/beta\.html$/), page.tap('.note-body a:text-is("Beta")')]);
  assert.equal(await page.$('.preview'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('graph.html draws every note, filters by group and tag, finds a note and opens it', async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(at('graph.html'));
  await page.waitForFunction(() => document.getElementById('graph-canvas').dataset.drawn);
  const drawn = await page.$eval('#graph-canvas', (c) => Number(c.dataset.drawn));
  console.log(`# graph.html (5 notes): first draw ${drawn} ms after navigation`);
  assert.match(await page.textContent('#graph-status'), /5 notes and 4 links/);
  // Something is painted: not one colour over the whole canvas.
  const colours = await page.$eval('#graph-canvas', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add(d.slice(i, i + 4).join());
    return seen.size;
  });
  assert.ok(colours > 3, `only ${colours} colours painted`);
  // Groups: the top folders here (no domains).
  const groups = await page.$$eval('#graph-groups label', (ls) => ls.map((l) => l.textContent.trim()));
  assert.deepEqual(groups, ['Top level (1)', 'other folder (2)', 'topics (2)']);
  await page.uncheck('#graph-groups label:has-text("topics") input');
  assert.match(await page.textContent('#graph-status'), /3 of 5 notes shown/);
  await page.check('#graph-groups label:has-text("topics") input');
  await page.selectOption('#graph-tag', { label: '#letters' });
  assert.match(await page.textContent('#graph-status'), /1 of 5 notes shown/);
  await page.selectOption('#graph-tag', '');
  // Find a note: it is centred and named, with a link to open it.
  await page.fill('#graph-find', 'gamma');
  await page.press('#graph-find', 'Enter');
  assert.match(await page.textContent('#graph-status'), /Gamma ray: 2 linked notes/);
  const box = await page.$eval('#graph-canvas', (c) => { const r = c.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });
  await Promise.all([page.waitForURL(/gamma-ray\.html$/), page.mouse.click(box[0], box[1])]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a note shows its local graph on a wide screen, behind a summary on a phone; none for a note without links', async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(at('topics/alpha.html'));
  await page.waitForSelector('.local-graph .lg');
  assert.equal(await page.$eval('.local-graph', (d) => d.open), true);
  // Alpha links Beta and Gamma ray (depth 1); Home links Alpha; nothing is two links away but through them.
  const nodes = await page.$$eval('.local-graph .lg-node title', (ts) => ts.map((t) => t.textContent).sort());
  assert.deepEqual(nodes, ['Alpha', 'Beta', 'Gamma ray', 'Home']);
  assert.match(await page.textContent('.local-graph summary'), /3 notes/);
  await page.hover('.local-graph a.lg-node:has(title:text-is("Beta")) circle');
  assert.ok(await page.$('.local-graph svg.hovering'));
  await Promise.all([page.waitForURL(/beta\.html$/), page.click('.local-graph a.lg-node:has(title:text-is("Beta")) circle')]);
  await page.goto(at('other-folder/lonely.html'));
  assert.equal(await page.$('.local-graph'), null);
  assert.deepEqual(errors, []);
  await context.close();

  const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await phone.page.goto(at('topics/alpha.html'));
  await phone.page.waitForTimeout(300);
  assert.equal(await phone.page.$eval('.local-graph', (d) => d.open), false);
  assert.equal(await phone.page.$('.local-graph .lg'), null);  // not loaded until asked for
  await phone.page.click('.local-graph summary');
  await phone.page.waitForSelector('.local-graph .lg');
  const fits = await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(fits);
  assert.deepEqual(phone.errors, []);
  await phone.context.close();
});
