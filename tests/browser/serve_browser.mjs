#!/usr/bin/env node
// The page of `cybernorms serve`, driven in a real browser (docs/web-page.md).
//
//   node serve_browser.mjs CYBERNORMS RULES_DIR SCENARIOS_DIR EXERCISES_DIR WORK_DIR
//
// Starts `CYBERNORMS serve --port 0` on the loopback interface, opens its page in
// headless Chromium through playwright-core (no browser download: Debian's chromium, or
// $CYBERNORMS_CHROMIUM), and works through it as a reader would: loads a bundled
// scenario and checks the findings shown against /api/evaluate's JSON, answers an open
// question and checks the finding that moves against `CYBERNORMS eval --assume`, switches
// profile, compares profiles, pastes an invalid scenario and sees the located error, and
// answers an exercise and sees the grade. Screenshots go to WORK_DIR. The page may fetch
// nothing but the server's own addresses.
//
// Exits 77 (CTest: skipped) when Node is too old, playwright-core is not installed
// (npm ci --prefix tests/browser) or Chromium is missing; scripts/install-deps.sh
// --browser installs all three.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const SKIP = 77;
const TOTAL_MS = 120_000;   // the whole test; never hang CI
const STEP_MS = 20_000;     // one wait for the page

const [cybernorms, rulesDir, scenariosDir, exercisesDir, workDir] = process.argv.slice(2);
if (!workDir) {
  console.error('usage: serve_browser.mjs CYBERNORMS RULES_DIR SCENARIOS_DIR EXERCISES_DIR WORK_DIR');
  process.exit(2);
}

function skip(why) {
  console.log(`skipped: ${why}`);
  process.exit(SKIP);
}

if (Number(process.versions.node.split('.')[0]) < 18) skip(`Node ${process.versions.node} is older than 18`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  skip('playwright-core is not installed: run `npm ci --prefix tests/browser` (scripts/install-deps.sh --browser does)');
}
const chromiumPath = [process.env.CYBERNORMS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  .find((p) => p && fs.existsSync(p));
if (!chromiumPath) skip('Chromium is not installed (set CYBERNORMS_CHROMIUM, or scripts/install-deps.sh --browser)');

fs.mkdirSync(workDir, { recursive: true });

let server = null;
let browser = null;
const failures = [];
const notes = [];

function check(condition, message) {
  if (!condition) failures.push(message);
  return condition;
}

function fail(message) {
  throw new Error(message);
}

// ---- the server ---------------------------------------------------------------------

function startServer() {
  const args = ['serve', '--port', '0', '--host', '127.0.0.1', '--rules', rulesDir, '--scenarios', scenariosDir];
  if (exercisesDir && fs.existsSync(exercisesDir)) args.push('--exercises', exercisesDir);
  server = spawn(cybernorms, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  server.exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "listening on" line within 30 s; stderr: ${stderr}`)), 30_000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`cybernorms serve exited ${code}: ${stderr}`)); });
    server.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return null;
  server.kill('SIGINT');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  const result = await server.exited;
  clearTimeout(timer);
  return result;
}

async function post(base, route, body) {
  const response = await fetch(base + route, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

// ---- what the program says ----------------------------------------------------------

function key(finding) {
  return [finding.principle, ...Object.entries(finding.roles || {}).map(([r, v]) => `${r}=${v}`)].join(' ');
}

function levelsOf(report) {
  return Object.fromEntries((report.findings || []).map((f) => [key(f), f.level]));
}

function evalCli(scenarioFile, profile, assume) {
  const args = ['eval', scenarioFile, '--rules', rulesDir, '--format', 'json', '--compact', '--profile', profile];
  for (const a of assume) args.push('--assume', a);
  return JSON.parse(execFileSync(cybernorms, args, { encoding: 'utf8', timeout: 60_000 }));
}

function same(a, b) {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

// ---- the page -----------------------------------------------------------------------

// The findings the page lists now: terse key -> level, without those it keeps to say they went.
async function shownLevels(page) {
  return page.$$eval('[data-testid=finding]:not([data-vanished])', (items) =>
    Object.fromEntries(items.map((li) => [li.dataset.key, li.dataset.level])));
}

async function evaluated(page) {
  return Number(await page.evaluate(() => document.body.dataset.evaluated || 0));
}

// Runs `action` and waits until the page has shown one more evaluation.
async function afterEvaluation(page, action) {
  const before = await evaluated(page);
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.evaluated || 0) > n && !document.body.hasAttribute('aria-busy'),
    before, { timeout: STEP_MS });
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(workDir, `serve-${name}.png`), fullPage: true });
}

async function checkShownAgainst(page, report, what) {
  const shown = await shownLevels(page);
  const expected = levelsOf(report);
  check(same(shown, expected), `${what}: the page shows ${JSON.stringify(shown)}, the evaluation says ${JSON.stringify(expected)}`);
  // Level in words, grouped under its principle's heading.
  const words = await page.$$eval('[data-testid=finding]:not([data-vanished])', (items) => items.map((li) => ({
    level: li.dataset.level, word: li.querySelector('[data-testid=level]').textContent.trim(),
    principle: li.dataset.principle, group: li.closest('section[data-principle]')?.dataset.principle,
  })));
  const wordOf = { implicated: 'implicated', possible: 'possible', not_implicated: 'not implicated' };
  for (const w of words) {
    check(w.word === wordOf[w.level], `${what}: a ${w.level} finding reads "${w.word}"`);
    check(w.group === w.principle, `${what}: a ${w.principle} finding is listed under ${w.group}`);
  }
  return shown;
}

async function run() {
  const base = await startServer();
  console.log(`server at ${base}`);
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-dev-shm-usage'], timeout: 60_000 });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.setDefaultTimeout(STEP_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // The invalid scenario is answered 400 on purpose (and /api/grade may answer 501): the
  // browser logs those answers; anything else logged as an error fails the test.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (400|501)/.test(m.text())) pageErrors.push(m.text());
  });
  // Nothing but the server's own addresses (and the iframes' srcdoc).
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base + '/') || url.startsWith('about:') || url.startsWith('data:')) return route.continue();
    failures.push(`the page tried to load ${url}`);
    return route.abort();
  });

  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready=true]');

  // 1. A bundled scenario with an open question: its findings as /api/evaluate says.
  const scenarioId = 'attribution_unknown';
  const scenarioFile = path.join(scenariosDir, `${scenarioId}.json`);
  const scenarioText = fs.readFileSync(scenarioFile, 'utf8');
  await afterEvaluation(page, () => page.selectOption('[data-testid=scenario-select]', scenarioId));
  check((await page.inputValue('[data-testid=editor]')) === scenarioText, 'the editor does not hold the scenario file as it is');
  const apiDefault = await post(base, '/api/evaluate', { scenario: scenarioText, profile: 'default' });
  check(apiDefault.status === 200, `/api/evaluate answered ${apiDefault.status}`);
  const first = await checkShownAgainst(page, apiDefault.body.report, scenarioId);
  check(Object.keys(first).length > 0, `${scenarioId}: no finding shown`);
  const iframeHtml = await page.$eval('[data-testid=report-frame]', (f) => f.srcdoc);
  check(iframeHtml.includes('<html') && iframeHtml.includes('Non-infringement'), 'the explanation frame does not hold the HTML report');
  await shot(page, '1-scenario');

  // 2. What if: answer the open attribution question yes; a finding moves to implicated,
  // as `eval --assume` says, and is marked with what it was.
  const fact = 'directed_by(shadow_group, borania)';
  const toggle = `[data-testid=hinge-toggle][data-fact="${fact}"]`;
  check(await page.$(toggle) !== null, `no toggle for ${fact}`);
  await afterEvaluation(page, () => page.click(`${toggle} input[value=true]`));
  const cliYes = evalCli(scenarioFile, 'default', [`${fact}=true`]);
  const yes = await checkShownAgainst(page, cliYes, `${fact}=true`);
  const moved = Object.keys(yes).filter((k) => first[k] && yes[k] !== first[k]);
  check(moved.length > 0, `answering ${fact} yes moved no finding: before ${JSON.stringify(first)}, after ${JSON.stringify(yes)}`);
  for (const k of moved) {
    const was = await page.$eval(`[data-testid=finding][data-key="${k}"]`, (li) => li.dataset.was || '');
    check(was === first[k], `${k}: marked as was "${was}", it was ${first[k]}`);
  }
  check(yes['non_infringement responsible=borania injured=arland operation=ministry_intrusion'] === 'implicated',
    'non-infringement is not implicated once the group is answered to be directed by Borania');
  await shot(page, '2-answered-yes');
  // And no: the findings resting on it go, and the page says what they were.
  await afterEvaluation(page, () => page.click(`${toggle} input[value=false]`));
  const cliNo = evalCli(scenarioFile, 'default', [`${fact}=false`]);
  await checkShownAgainst(page, cliNo, `${fact}=false`);
  const gone = await page.$$eval('[data-testid=finding][data-vanished]', (items) => items.map((li) => li.dataset.level));
  check(gone.length > 0 && gone.every((l) => l === 'not_implicated'), `${fact}=false: the findings that went are not shown as not implicated (${gone})`);
  await afterEvaluation(page, () => page.click(`${toggle} input[value=unknown]`));
  check(same(await shownLevels(page), first), 'back to unknown, the findings are not those of the scenario as it is');
  await page.click('[data-testid=whatif-button]');
  await page.waitForSelector('[data-testid=whatif-rows] tbody tr');
  const whatifRows = await page.$$eval('[data-testid=whatif-rows] tbody tr', (rows) => rows.length);
  const apiWhatif = await post(base, '/api/whatif', { scenario: scenarioText, profile: 'default', assume: [] });
  const answers = apiWhatif.body.whatif.questions.reduce((n, q) => n + q.answers.length, 0);
  check(whatifRows === answers, `the what-if table has ${whatifRows} rows, /api/whatif gives ${answers} answers`);
  await shot(page, '3-whatif');

  // 3. Another profile: the findings change where the profiles differ.
  const espionage = 'remote_espionage_foreign_ministry';
  const espionageText = fs.readFileSync(path.join(scenariosDir, `${espionage}.json`), 'utf8');
  await afterEvaluation(page, () => page.selectOption('[data-testid=scenario-select]', espionage));
  const underDefault = (await post(base, '/api/evaluate', { scenario: espionageText, profile: 'default' })).body.report;
  const shownDefault = await checkShownAgainst(page, underDefault, `${espionage} under default`);
  await afterEvaluation(page, () => page.selectOption('[data-testid=profile-select]', 'tallinn_majority'));
  const underTallinn = (await post(base, '/api/evaluate', { scenario: espionageText, profile: 'tallinn_majority' })).body.report;
  check(!same(levelsOf(underDefault), levelsOf(underTallinn)), `${espionage}: default and tallinn_majority agree; the test needs a pair that differs`);
  const shownTallinn = await checkShownAgainst(page, underTallinn, `${espionage} under tallinn_majority`);
  check(!same(shownDefault, shownTallinn), 'switching profile did not change the findings shown');
  const marks = await page.$$eval('[data-testid=changed]', (m) => m.map((x) => x.textContent));
  check(marks.some((m) => /was implicated under default/.test(m)), `no finding is marked as implicated under default: ${JSON.stringify(marks)}`);
  await shot(page, '4-profile');

  // 4. The comparison of every profile, as /api/compare says.
  await page.click('[data-testid=compare-button]');
  await page.waitForSelector('[data-testid=compare-rows] tbody tr');
  const comparison = (await post(base, '/api/compare', { scenario: espionageText })).body.comparison;
  const cells = await page.$$eval('[data-testid=compare-rows] tbody tr[data-principle]', (rows) =>
    rows.map((tr) => [tr.dataset.principle, Object.fromEntries([...tr.querySelectorAll('td[data-profile]')].map((td) => [td.dataset.profile, td.dataset.level]))]));
  check(cells.length === comparison.rows.length, `the comparison shows ${cells.length} rows, /api/compare ${comparison.rows.length}`);
  comparison.rows.forEach((row, i) => {
    check(cells[i] && cells[i][0] === row.principle && same(cells[i][1], row.levels), `comparison row ${i} (${row.principle}) differs from /api/compare`);
  });
  await shot(page, '5-compare');

  // 5. An invalid scenario: JSON syntax with line and column, then a located error.
  await page.fill('[data-testid=editor]', '{\n  "id": "broken",\n}');
  await page.click('[data-testid=evaluate-button]');
  await page.waitForSelector('[data-testid=syntax-status].bad');
  const syntax = await page.textContent('[data-testid=syntax-status]');
  check(/line 3, column 1/.test(syntax), `the syntax error does not say where: ${syntax}`);
  const bad = JSON.parse(scenarioText);
  bad.operations[0].coersive = true;
  await page.fill('[data-testid=editor]', JSON.stringify(bad, null, 2));
  await page.click('[data-testid=evaluate-button]');
  await page.waitForSelector('[data-testid=scenario-error]');
  const errors = await page.$$eval('[data-testid=scenario-error]', (items) => items.map((li) => ({ pointer: li.dataset.pointer, text: li.textContent })));
  check(errors.some((e) => e.pointer === '/operations/0/coersive' && /coercive/.test(e.text)),
    `no located error at /operations/0/coersive: ${JSON.stringify(errors)}`);
  await shot(page, '6-invalid');

  // 6. An exercise: open it, answer, and see the grade.
  if (!exercisesDir || !fs.existsSync(exercisesDir)) {
    notes.push(`no folder ${exercisesDir}: the exercise step was left out`);
    check(pageErrors.length === 0, `the page reported errors: ${pageErrors.join('; ')}`);
    return;
  }
  const exercises = await (await fetch(`${base}/api/exercises`)).json();
  const listed = await page.$$eval('[data-testid=exercise-select] option[value]:not([value=""])', (o) => o.map((x) => x.value));
  check(same({ ...listed }, { ...(exercises.exercises || []).map((x) => x.id) }), `the page lists the exercises ${listed}, /api/exercises others`);
  const exercise = (exercises.exercises || []).find((x) => x.id === '10-trade-ministry-attribution-unknown') || (exercises.exercises || [])[0];
  if (!check(exercise, 'no exercise is listed')) return;
  await page.selectOption('[data-testid=exercise-select]', exercise.id);
  await page.click('[data-testid=exercise-open]');
  await page.waitForSelector('[data-testid=answer-row]');
  const opened = await (await fetch(`${base}/api/exercises/${exercise.id}`)).json();
  check((await page.inputValue('[data-testid=editor]')) === opened.scenario, 'the exercise\'s scenario is not in the editor');
  check((await page.textContent('[data-testid=exercise-question]')) === opened.exercise.question, 'the exercise\'s question is not shown');
  const principle = (opened.exercise.principles && opened.exercise.principles[0]) || 'non_infringement';
  await page.selectOption('[data-testid=answer-row] [data-testid=answer-principle]', principle);
  const roleInputs = await page.$$('[data-testid=answer-row] [data-testid=answer-role]');
  const roles = {};
  const roleValues = { responsible: 'borania', injured: 'arland', operation: 'ministry_intrusion' };
  for (const input of roleInputs) {
    const role = await input.getAttribute('data-role');
    if (roleValues[role]) { await input.fill(roleValues[role]); roles[role] = roleValues[role]; }
  }
  await page.selectOption('[data-testid=answer-row] [data-testid=answer-level]', 'possible');
  await page.check('[data-testid=answer-row] input[data-hinge=attribution]');
  await page.click('[data-testid=answer-submit]');
  await page.waitForSelector('[data-testid=grade-score], [data-testid=grade-error]');
  const answer = { exercise: exercise.id, findings: [{ principle, roles, level: 'possible', hinges_on: ['attribution'] }] };
  const graded = await post(base, '/api/grade', { exercise: exercise.id, answer, reveal: false });
  {
    check(graded.status === 200, `/api/grade answered ${graded.status}: ${JSON.stringify(graded.body)}`);
    const score = await page.$eval('[data-testid=grade-score]', (e) => [e.dataset.score, e.dataset.max, e.textContent]).catch(() => null);
    check(score && score[0] === String(graded.body.grade.score) && score[1] === String(graded.body.grade.max_score),
      `the page shows the score ${JSON.stringify(score)}, /api/grade gives ${graded.body.grade.score} of ${graded.body.grade.max_score}`);
    const verdicts = await page.$$eval('[data-testid=grade-item]', (rows) => rows.map((r) => r.dataset.verdict));
    check(same({ ...verdicts }, { ...graded.body.grade.items.map((i) => i.verdict) }), `verdicts shown ${verdicts} differ from /api/grade`);
  }
  await shot(page, '7-exercise');

  check(pageErrors.length === 0, `the page reported errors: ${pageErrors.join('; ')}`);
}

const deadline = setTimeout(async () => {
  console.error(`FAIL: the test took longer than ${TOTAL_MS / 1000} s`);
  try { server && server.kill('SIGKILL'); } catch (e) { /* gone */ }
  process.exit(1);
}, TOTAL_MS);

let crashed = null;
try {
  await run();
} catch (e) {
  crashed = e;
}
try { if (browser) await browser.close(); } catch (e) { /* gone */ }
const stopped = await stopServer();
clearTimeout(deadline);
if (stopped && !(stopped.code === 0)) failures.push(`cybernorms serve did not exit 0 on SIGINT: ${JSON.stringify(stopped)}`);
if (crashed) failures.unshift(`stopped early: ${crashed.stack || crashed}`);
for (const n of notes) console.log(`note: ${n}`);
if (failures.length) {
  for (const f of failures) console.error(`FAIL: ${f}`);
  console.error(`screenshots in ${workDir}`);
  process.exit(1);
}
console.log(`ok: the page agrees with the program; screenshots in ${workDir}`);
