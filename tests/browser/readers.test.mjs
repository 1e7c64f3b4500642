// Browser test of a built dossier site, as a reader uses it: headless
// Chromium (Debian's /usr/bin/chromium driven by playwright-core, the same
// launch flags as ../shared/probe) against the site served under a subpath
// the way GitHub Pages serves a project site.
//
//   node readers.test.mjs SITE [--name dossier] [--shots DIR] [--ru SITE_RU]
//
// Checks: the header search box finds articles, actors and events as you
// type, grouped by kind, with no accessibility violation while open; arrow
// keys and Enter follow a result; Escape closes; Enter without a choice
// opens search.html with every result; without JavaScript the form still
// leads to a listing of every page; on a phone, a note opens with Tab and
// Space; dark mode follows the reader's setting; print drops the navigation
// and prints every note. Every page type reflows at 320 and 390 px, in light
// and dark mode, without scrolling sideways. Article pages are quiet: marks
// show for the kinds a reader switches on, a clean-text switch hides numbers,
// notes and marks without JavaScript, and from 760 px the notes stand in the
// margin beside their passages. Cyrillic search finds the names the actor
// pages list, inflected or not. With --ru, the same dossier built with
// language = "ru" shows a Russian interface, dates and search words.
// Screenshots (desktop, phone, dark, print) go to --shots (default
// /tmp/readers-shots). Prints one line per check and a summary last; exits 0
// when all pass, 1 otherwise.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const ARTICLE = 'articles/fox-citing-2025-12-27-mar-a-lago-call.html';
// One page of each type the site has.
const PAGE_TYPES = {
  home: 'index.html', articles: 'articles/index.html', article: ARTICLE, events: 'events/index.html',
  event: 'events/mar-a-lago-meeting-2025-12-28.html', actors: 'actors/index.html', actor: 'actors/volodymyr-zelensky.html',
  search: 'search.html?q=zelensky', 'not found': 'missing-page.html',
};

// How far the page is wider than the window, and the element reaching furthest right.
function overflow(page) {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const sw = document.documentElement.scrollWidth;
    let worst = null;
    if (sw > w) {
      for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        if (r.width && r.right > w + 1 && (!worst || r.right > worst.right)) {
          worst = { right: Math.round(r.right), what: e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ')[0] : '') };
        }
      }
    }
    return { w, sw, worst };
  });
}

function parseArgs(argv) {
  const o = { _: [], name: 'dossier', shots: '/tmp/readers-shots' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[++i];
    else o._.push(argv[i]);
  }
  return o;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.jsonld': 'application/ld+json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

// Serve SITE at http://127.0.0.1:PORT/NAME/ like GitHub Pages: nothing
// outside /NAME/, no listings, folders answer with index.html, and the
// site's 404.html for anything missing.
function serve(site, name) {
  const prefix = `/${name}/`;
  const send = (res, status, file) => {
    res.writeHead(status, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let p = decodeURIComponent(url.pathname);
    if (p === prefix.slice(0, -1)) { res.writeHead(301, { location: prefix }); return res.end(); }
    const notFound = () => {
      const page = path.join(site, '404.html');
      if (fs.existsSync(page)) return send(res, 404, page);
      res.writeHead(404); res.end('not found');
    };
    if (!p.startsWith(prefix)) return notFound();
    let file = path.normalize(path.join(site, p.slice(prefix.length)));
    if (!file.startsWith(path.resolve(site))) return notFound();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file) && fs.existsSync(file + '.html')) file += '.html';
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return notFound();
    send(res, 200, file);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}${prefix}` })));
}

const results = [];
async function check(name, fn) {
  try {
    const detail = await fn();
    results.push(true);
    console.log(`ok    ${name}${detail ? ` (${detail})` : ''}`);
  } catch (e) {
    results.push(false);
    console.log(`FAIL  ${name}: ${e.message.split('\n')[0]}`);
  }
}
function assert(cond, message) { if (!cond) throw new Error(message); }

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const site = path.resolve(args._[0] || '../../public');
  if (!fs.existsSync(path.join(site, 'index.html'))) {
    console.log(`browser: cannot run: no index.html in ${site} (build the site first)`);
    process.exit(2);
  }
  fs.mkdirSync(args.shots, { recursive: true });
  const { server, base } = await serve(site, args.name);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
  const problems = [];

  async function context(options = {}) {
    const ctx = await browser.newContext({ viewport: DESKTOP, ...options });
    // Nothing leaves the machine: requests to other hosts are blocked and reported.
    await ctx.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(base)) return route.continue();
      problems.push(`external request blocked: ${u}`);
      return route.abort('blockedbyclient');
    });
    ctx.on('page', (p) => watch(p));
    return ctx;
  }
  function watch(page) {
    // The 404 page's own status is logged as an error; that one is expected.
    const expected = (m) => page.url().includes('missing-page') && m.text().includes('404');
    page.on('console', (m) => { if (m.type() === 'error' && !expected(m)) problems.push(`console error on ${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`));
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().includes('missing-page')) problems.push(`HTTP ${r.status()} for ${r.url()}`); });
  }
  const shot = (page, file) => page.screenshot({ path: path.join(args.shots, file), fullPage: false });

  try {
    const desktop = await context();
    const page = await desktop.newPage();
    const search = page.locator('#site-search-q');
    const popup = page.locator('.search-popup');
    const listbox = page.locator('[role="listbox"]');

    await check('typing in the search box lists results grouped by kind', async () => {
      await page.goto(base + 'index.html');
      await search.click();
      await page.keyboard.type('witkoff', { delay: 40 });
      await listbox.locator('[role="option"]').first().waitFor({ state: 'visible', timeout: 10000 });
      assert((await search.getAttribute('aria-expanded')) === 'true', 'the combobox does not say it is expanded');
      const groups = await listbox.locator('[role="group"]').evaluateAll((gs) => gs.map((g) => document.getElementById(g.getAttribute('aria-labelledby')).textContent));
      for (const kind of ['Articles', 'Actors', 'Events']) assert(groups.includes(kind), `no ${kind} group among ${groups.join(', ')}`);
      const actors = await listbox.locator('[role="option"][data-kind="actor"]').allTextContents();
      assert(actors.some((t) => t.includes('Steve Witkoff')), `Steve Witkoff is not among the actors: ${actors}`);
      return `groups: ${groups.join(', ')}`;
    });

    await check('the open results pass axe-core', async () => {
      const r = await new AxeBuilder({ page }).include('.site-search').analyze();
      assert(r.violations.length === 0, r.violations.map((v) => `${v.id}: ${v.nodes.length} nodes`).join('; '));
      return `${r.passes.length} rules passed`;
    });
    await shot(page, 'desktop-search.png');

    await check('arrow keys and Enter follow a result', async () => {
      let found = false;
      for (let i = 0; i < 20 && !found; i++) {
        await page.keyboard.press('ArrowDown');
        const id = await search.getAttribute('aria-activedescendant');
        assert(id, 'ArrowDown did not set aria-activedescendant');
        const opt = page.locator(`[id="${id}"]`);
        assert((await opt.getAttribute('aria-selected')) === 'true', 'the active option is not aria-selected');
        found = (await opt.getAttribute('data-kind')) === 'actor' && (await opt.textContent()).includes('Steve Witkoff');
      }
      assert(found, 'never reached the Steve Witkoff option with ArrowDown');
      await Promise.all([page.waitForURL('**/actors/steve-witkoff.html'), page.keyboard.press('Enter')]);
      const h1 = await page.locator('h1').textContent();
      assert(h1.includes('Steve Witkoff'), `landed on "${h1}"`);
      return new URL(page.url()).pathname;
    });
    await shot(page, 'desktop-actor.png');

    await check('Escape closes the results', async () => {
      await search.click();
      await page.keyboard.type('zelensky', { delay: 20 });
      await popup.waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      await popup.waitFor({ state: 'hidden' });
      assert((await search.getAttribute('aria-expanded')) === 'false', 'aria-expanded stays true after Escape');
    });

    await check('Enter without a choice opens search.html with every result', async () => {
      await Promise.all([page.waitForURL(/search\.html\?q=zelensky/), page.keyboard.press('Enter')]);
      await page.locator('.search-page-group').first().waitFor({ timeout: 10000 });
      const headings = await page.locator('.search-page-group h2').allTextContents();
      assert(headings.length >= 2, `result groups: ${headings}`);
      assert(await page.locator('#search-listing').isHidden(), 'the no-JavaScript listing is still shown');
      const first = page.locator('.search-hit a').first();
      const href = await first.getAttribute('href');
      await Promise.all([page.waitForURL((u) => u.href === href), first.click()]);
      return headings.join(', ');
    });

    await check('an event page shows its chart and its list of sources', async () => {
      await page.goto(base + 'events/mar-a-lago-meeting-2025-12-28.html');
      const svg = page.locator('svg.chart-sources');
      assert(await svg.isVisible(), 'no sources chart');
      const label = await svg.evaluate((s) => s.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id).textContent).join(' '));
      assert(label.includes('When each outlet reported'), `chart name: ${label}`);
      assert((await page.locator('.side-by-side .source').count()) >= 1, 'no list of sources');
    });
    await shot(page, 'desktop-event.png');
    await desktop.close();

    const nojs = await context({ javaScriptEnabled: false });
    await check('without JavaScript the search form leads to a listing of every page', async () => {
      const p = await nojs.newPage();
      await p.goto(base + 'articles/index.html');
      await p.locator('#site-search-q').fill('witkoff');
      await Promise.all([p.waitForURL(/search\.html\?q=witkoff/), p.locator('#site-search-q').press('Enter')]);
      const links = await p.locator('#search-listing a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
      for (const dir of ['/articles/', '/actors/', '/events/']) assert(links.some((l) => l.includes(dir)), `no link into ${dir}`);
      assert(await p.locator('#search-listing').isVisible(), 'listing hidden');
      return `${links.length} links`;
    });
    await nojs.close();

    const phone = await context({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await check('on a phone, Tab and Space open an annotation note', async () => {
      const p = await phone.newPage();
      await p.goto(base + 'articles/axios-citing-2025-12-06-witkoff-kushner-call.html');
      assert(!(await p.locator('.sidenote').first().isVisible()), 'notes are open before any toggle');
      let reached = false;
      for (let i = 0; i < 150 && !reached; i++) {
        await p.keyboard.press('Tab');
        reached = await p.evaluate(() => document.activeElement && document.activeElement.classList.contains('sn-toggle'));
      }
      assert(reached, 'Tab never reached a note toggle');
      const id = await p.evaluate(() => document.activeElement.id);
      const note = p.locator(`[id="${id}"] ~ .sidenote`).first();
      assert(!(await note.isVisible()), 'the note is visible before Space');
      await p.keyboard.press('Space');
      assert(await p.locator(`[id="${id}"]`).isChecked(), 'Space did not check the toggle');
      assert(await note.isVisible(), 'the note is not visible after Space');
      const box = await note.boundingBox();
      assert(box && box.width > 100 && box.height > 10, `note box ${JSON.stringify(box)}`);
      await note.scrollIntoViewIfNeeded();
      await shot(p, 'phone-note-open.png');
      await p.goto(base + 'index.html');
      await p.locator('#site-search-q').click();
      await p.keyboard.type('putin', { delay: 20 });
      await p.locator('[role="option"]').first().waitFor({ state: 'visible' });
      await shot(p, 'phone-search.png');
      return `#${id}`;
    });
    await phone.close();

    const dark = await context({ colorScheme: 'dark' });
    await check('dark mode follows the reader\'s setting', async () => {
      const p = await dark.newPage();
      await p.goto(base + 'events/index.html');
      const bg = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g).map(Number);
      assert((0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.2, `body background ${bg} is not dark`);
      const fill = await p.locator('svg.chart-timeline text').first().evaluate((t) => getComputedStyle(t).fill);
      const [fr, fg, fb] = fill.match(/\d+/g).map(Number);
      assert((0.2126 * fr + 0.7152 * fg + 0.0722 * fb) / 255 > 0.4, `chart text ${fill} would not show on a dark background`);
      await shot(p, 'dark-timeline.png');
      await p.goto(base + 'articles/fox-citing-2025-12-27-mar-a-lago-call.html');
      await shot(p, 'dark-article.png');
      const phoneDark = await browser.newContext({ viewport: PHONE, isMobile: true, deviceScaleFactor: 2, colorScheme: 'dark' });
      const q = await phoneDark.newPage();
      await q.goto(base + 'actors/volodymyr-zelensky.html');
      await q.locator('svg.chart-bars').scrollIntoViewIfNeeded();
      await shot(q, 'dark-phone-actor.png');
      await phoneDark.close();
      return bg;
    });
    await dark.close();

    for (const scheme of ['light', 'dark']) {
      for (const width of [320, 390]) {
        const ctx = await context({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true, colorScheme: scheme });
        await check(`every page type reflows at ${width} px in ${scheme} mode`, async () => {
          const p = await ctx.newPage();
          const wide = [];
          for (const [kind, url] of Object.entries(PAGE_TYPES)) {
            await p.goto(base + url);
            if (kind === 'search') await p.locator('.search-page-group').first().waitFor({ timeout: 10000 });
            const o = await overflow(p);
            if (o.sw > o.w) wide.push(`${kind} ${o.sw} px wide (${o.worst ? `${o.worst.what} reaches ${o.worst.right}` : '?'})`);
            const bg = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
            const [r, g, b] = bg.match(/\d+/g).map(Number);
            const dark = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.2;
            if (dark !== (scheme === 'dark')) wide.push(`${kind} has a ${dark ? 'dark' : 'light'} background`);
          }
          assert(wide.length === 0, wide.join('; '));
          return `${Object.keys(PAGE_TYPES).length} page types`;
        });
        await ctx.close();
      }
    }

    const reading = await context({ javaScriptEnabled: false });
    await check('article marks are quiet and the clean-text switch works without JavaScript', async () => {
      const p = await reading.newPage();
      await p.goto(base + ARTICLE);
      const claim = p.locator('.ann-claim > .ann-text').first();
      const background = () => claim.evaluate((e) => getComputedStyle(e).backgroundColor);
      assert((await background()) === 'rgba(0, 0, 0, 0)', `a claim is marked before the reader asks: ${await background()}`);
      await p.locator('label[for="read-claim"]').click();
      assert((await background()) !== 'rgba(0, 0, 0, 0)', 'switching claims on does not mark them');
      const notes = p.locator('.sidenote');
      assert(await notes.first().isVisible(), 'no margin notes at 1280 px');
      await p.locator('label[for="read-clean"]').click();
      assert(await p.locator('#read-clean').isChecked(), 'the clean-text switch did not turn on');
      const shown = await p.locator('.sidenote:visible, .sn-number:visible').count();
      assert(shown === 0, `${shown} notes or numbers still shown in clean text`);
      assert((await background()) === 'rgba(0, 0, 0, 0)', 'clean text still marks claims');
      return `${await notes.count()} notes hidden`;
    });
    await reading.close();

    for (const width of [800, 1024, 1400]) {
      const ctx = await context({ viewport: { width, height: 900 } });
      await check(`at ${width} px the notes stand in the margin beside their passages`, async () => {
        const p = await ctx.newPage();
        await p.goto(base + ARTICLE);
        const body = await p.locator('.article-body').boundingBox();
        const boxes = await p.locator('.ann').evaluateAll((anns) => anns.map((a) => {
          const n = a.querySelector(':scope > .sn-number').getBoundingClientRect();
          const s = a.querySelector(':scope > .sidenote').getBoundingClientRect();
          return { number: n.top + window.scrollY, top: s.top + window.scrollY, bottom: s.bottom + window.scrollY, left: s.left, right: s.right };
        }));
        let previous = -Infinity;
        let pushed = 0;
        for (const [i, b] of boxes.entries()) {
          assert(b.left >= body.x + body.width - 1, `note ${i + 1} overlaps the text (left ${b.left}, text ends ${body.x + body.width})`);
          assert(b.right <= width, `note ${i + 1} leaves the window (right ${b.right})`);
          // Beside its number, or pushed down just below the note above.
          const beside = Math.abs(b.top - b.number) < 40;
          const stacked = b.top >= previous - 1 && b.top - previous < 30;
          assert(beside || stacked, `note ${i + 1} is ${Math.round(b.top - b.number)} px from its passage`);
          if (!beside) pushed++;
          previous = b.bottom;
        }
        await p.screenshot({ path: path.join(args.shots, `article-${width}.png`), fullPage: false });
        return `${boxes.length} notes, ${pushed} pushed down by the one above`;
      });
      await ctx.close();
    }

    const cyrillic = await context();
    await check('Cyrillic search finds an actor by the spellings its page lists, inflected too', async () => {
      const p = await cyrillic.newPage();
      await p.goto(base + 'index.html');
      const found = [];
      for (const [query, name] of [['Трамп', 'Donald Trump'], ['Зеленського', 'Volodymyr Zelensky'], ['путина', 'Vladimir Putin']]) {
        await p.locator('#site-search-q').fill('');
        await p.locator('#site-search-q').click();
        await p.keyboard.type(query, { delay: 20 });
        await p.locator('[role="option"][data-kind="actor"]').first().waitFor({ state: 'visible', timeout: 10000 });
        const actors = await p.locator('[role="option"][data-kind="actor"]').allTextContents();
        assert(actors.some((t) => t.includes(name)), `"${query}" does not find ${name}: ${actors}`);
        found.push(`${query} → ${name}`);
      }
      return found.join(', ');
    });
    await cyrillic.close();

    if (args.ru) {
      const ru = await serve(path.resolve(args.ru), args.name);
      const ctx = await browser.newContext({ viewport: DESKTOP });
      await check('with language = "ru" the interface, dates and search speak Russian', async () => {
        const p = await ctx.newPage();
        await p.goto(ru.base + ARTICLE);
        assert((await p.getAttribute('html', 'lang')) === 'ru', 'html lang is not ru');
        const nav = await p.locator('.site-nav a').allTextContents();
        assert(nav.join(',') === 'Статьи,События,Участники', `navigation: ${nav}`);
        const date = await p.locator('.article-header time').textContent();
        assert(/^\d+ декабря 2025 г\.$/.test(date.trim()), `date: ${date}`);
        assert((await p.locator('label[for="read-clean"]').textContent()).trim() === 'Чистый текст', 'the clean-text switch is not in Russian');
        await p.locator('#site-search-q').click();
        await p.keyboard.type('Путин', { delay: 20 });
        await p.locator('[role="option"]').first().waitFor({ state: 'visible', timeout: 10000 });
        const groups = await p.locator('.search-group-label').allTextContents();
        assert(groups.includes('Участники'), `search groups: ${groups}`);
        const status = await p.locator('.site-search [role="status"]').textContent();
        assert(/^Показан[оа]? \d+ результат/.test(status), `status: ${status}`);
        await p.screenshot({ path: path.join(args.shots, 'ru-article.png'), fullPage: false });
        return `${date.trim()}; ${groups.join(', ')}`;
      });
      await ctx.close();
      ru.server.close();
    }

    const print = await context();
    await check('the print stylesheet drops navigation and prints every note in place', async () => {
      const p = await print.newPage();
      await p.goto(base + 'articles/fox-citing-2025-12-27-mar-a-lago-call.html');
      await p.emulateMedia({ media: 'print', colorScheme: 'dark' });
      for (const hidden of ['.site-header', '.site-search', '.site-footer']) assert(await p.locator(hidden).isHidden(), `${hidden} is printed`);
      const notes = p.locator('.sidenote');
      const n = await notes.count();
      for (let i = 0; i < n; i++) assert(await notes.nth(i).isVisible(), `note ${i + 1} of ${n} is not printed`);
      const bg = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert(bg === 'rgb(255, 255, 255)', `printed on ${bg}, even with a dark screen setting`);
      await p.screenshot({ path: path.join(args.shots, 'print-article.png'), fullPage: false });
      return `${n} notes`;
    });
    await print.close();

    await check('no console errors, failed requests or external requests', async () => {
      assert(problems.length === 0, problems.slice(0, 5).join('; '));
    });
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  const failed = results.filter((r) => !r).length;
  console.log(`browser: ${results.length - failed} of ${results.length} checks passed; screenshots in ${args.shots}`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log(`browser: could not run: ${e.message}`); process.exit(2); });
