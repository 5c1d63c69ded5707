// The page of `cybernorms serve` (docs/web-page.md): plain script, no framework, and
// nothing fetched but this server's own /api/ addresses.
'use strict';

const LEVEL_WORDS = { implicated: 'implicated', possible: 'possible', not_implicated: 'not implicated' };
const LEVELS = ['implicated', 'possible', 'not_implicated'];

const state = {
  info: null,
  catalog: null,
  schema: null,
  scenarioId: '',          // the bundled scenario loaded, if any
  report: null,            // the report shown
  base: null,              // {key, questions}: the evaluation without assumptions, whose questions the toggles ask
  assume: new Map(),       // assumption text ("rel(a, b)") -> true | false
  shown: null,             // {scenario, findings: Map terse key -> level, profile}: what the list showed before
  exercise: null,
  busy: 0,
  seq: 0,                  // the number of the last evaluation asked for
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setStatus(text, isError) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', Boolean(isError));
}

// ---- server calls -------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `the server answered ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  state.busy++;
  document.body.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(path, options);
    const text = await response.text();
    let parsed = null;
    try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
    if (!response.ok) throw new ApiError(response.status, parsed);
    if (parsed === null) throw new ApiError(response.status, { error: `${path} did not answer JSON` });
    return parsed;
  } finally {
    if (--state.busy === 0) document.body.removeAttribute('aria-busy');
  }
}

// The scenario text as it is on disk (GET /api/scenarios/{id} answers the file itself).
async function fetchText(path) {
  const response = await fetch(path);
  const text = await response.text();
  if (!response.ok) {
    let parsed = null;
    try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
    throw new ApiError(response.status, parsed);
  }
  return text;
}

// ---- words --------------------------------------------------------------------------

function levelBadge(level) {
  return el('span', { class: `level ${level}`, 'data-testid': 'level' }, LEVEL_WORDS[level] || level);
}

function nameOf(id, names) {
  if (typeof id === 'string' && id.startsWith('?')) {
    // A pooled role: ?asset_in(mail_server,_):borvania|cerat, one of the candidates.
    const candidates = id.slice(id.lastIndexOf(':') + 1).split('|');
    return `one of ${candidates.map((c) => (names && names[c]) || c).join(', ')} (not settled)`;
  }
  return (names && names[id]) || id;
}

// A finding's key as terse reports write it: principle, then role=value in order.
function findingKey(finding) {
  return [finding.principle, ...Object.entries(finding.roles || {}).map(([r, v]) => `${r}=${v}`)].join(' ');
}

function factText(fact) {
  return `${fact.relation}(${(fact.args || []).join(', ')})`;
}

function principleTitle(id) {
  const p = state.catalog && state.catalog.principles.find((x) => x.id === id);
  return p ? p.title : id;
}

// ---- scenario panel -----------------------------------------------------------------

async function loadScenarioList() {
  const list = await api('/api/scenarios');
  const select = $('scenario-select');
  for (const s of list.scenarios) select.append(el('option', { value: s.id }, s.title ? `${s.title} (${s.id})` : s.id));
}

function setEditor(text, id) {
  $('editor').value = text;
  state.scenarioId = id || '';
  clearErrors();
  $('compare-table').replaceChildren();
  $('compare-frame').srcdoc = '';
  $('compare-box').hidden = true;
  checkSyntax();
  updateSchemaHelp();
  updateEntityIds();
}

async function pickScenario() {
  const id = $('scenario-select').value;
  if (!id) return;
  try {
    setStatus(`Loading ${id}…`);
    setEditor(await fetchText(`/api/scenarios/${encodeURIComponent(id)}`), id);
    await evaluate('scenario');
  } catch (e) {
    setStatus(`Could not load ${id}: ${e.message}`, true);
  }
}

function readFile() {
  const file = $('scenario-file').files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    $('scenario-select').value = '';
    setEditor(String(reader.result), '');
    setStatus(`Opened ${file.name}.`);
    evaluate('scenario');
  };
  reader.onerror = () => setStatus(`Could not read ${file.name}.`, true);
  reader.readAsText(file);
}

// The JSON syntax of the editor's text, checked here with line and column.
function checkSyntax() {
  const text = $('editor').value;
  const out = $('syntax-status');
  if (!text.trim()) {
    out.textContent = '';
    out.className = 'syntax';
    return true;
  }
  try {
    JSON.parse(text);
    out.textContent = 'The JSON is well formed.';
    out.className = 'syntax good';
    return true;
  } catch (e) {
    const offset = syntaxErrorOffset(e, text);
    let where = '';
    if (offset !== null) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      where = `line ${line}, column ${column}: `;
      out.dataset.line = line;
      out.dataset.column = column;
    }
    out.textContent = `Not well-formed JSON: ${where}${e.message}`;
    out.className = 'syntax bad';
    return false;
  }
}

function syntaxErrorOffset(error, text) {
  const message = String(error.message);
  let m = /position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  m = /line (\d+) column (\d+)/.exec(message);
  if (m) {
    const lines = text.split('\n');
    let offset = 0;
    for (let i = 0; i < Number(m[1]) - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    return offset + Number(m[2]) - 1;
  }
  if (/end of (JSON|data)/i.test(message)) return text.length;
  return null;
}

function clearErrors() {
  $('scenario-errors').replaceChildren();
}

// Located errors from a 400 answer: a JSON pointer (or line and column) and the message.
function showErrors(error) {
  const box = $('scenario-errors');
  const diagnostics = (error.body && error.body.diagnostics && error.body.diagnostics.diagnostics) || [];
  // The diagnostics are listed one by one: of the error's words, the first line is enough.
  const heading = el('p', {}, el('strong', {}, (error.message || 'The scenario was refused.').split('\n')[0]));
  const list = el('ul', {});
  for (const d of diagnostics) {
    let where = '';
    if (d.pointer !== undefined) where = d.pointer === '' ? '(the whole document)' : d.pointer;
    else if (d.line !== undefined) where = `${d.file || ''}:${d.line}:${d.column}`;
    const item = el('li', { 'data-testid': 'scenario-error', 'data-pointer': d.pointer, 'data-code': d.code },
      where ? el('code', {}, where) : null, ' ', `${d.severity || 'error'}[${d.code}]: ${d.message}`,
      ...(d.notes || []).map((n) => el('span', { class: 'note' }, n)));
    if (d.pointer) {
      item.append(' ', el('button', { type: 'button', onclick: () => goToPointer(d.pointer) }, 'show in the editor'));
    }
    list.append(item);
  }
  box.replaceChildren(heading, list);
}

// ---- schema help --------------------------------------------------------------------

// The path (keys and indices) of the value the offset is in, by a light scan of the text.
function pathAt(text, offset) {
  const stack = [];          // {type: 'object'|'array', key, index}
  let i = 0;
  let lastString = null;
  let expectKey = false;
  while (i < offset && i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (offset <= j) {                      // the cursor is inside this string
        if (expectKey && stack.length) stack[stack.length - 1].key = text.slice(i + 1, j);
        break;
      }
      lastString = text.slice(i + 1, j);
      if (expectKey && stack.length) stack[stack.length - 1].key = lastString;
      i = j + 1;
      continue;
    }
    if (c === '{') { stack.push({ type: 'object', key: null }); expectKey = true; }
    else if (c === '[') { stack.push({ type: 'array', index: 0 }); expectKey = false; }
    else if (c === '}' || c === ']') { stack.pop(); expectKey = false; }
    else if (c === ':') expectKey = false;
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top && top.type === 'array') top.index++;
      if (top && top.type === 'object') { top.key = null; expectKey = true; }
    }
    i++;
  }
  const path = [];
  for (const frame of stack) {
    if (frame.type === 'array') path.push(frame.index);
    else if (frame.key !== null) path.push(frame.key);
    else path.push(null);
  }
  return path;
}

function resolveRef(ref) {
  const name = ref.replace('#/$defs/', '');
  return [name, state.schema.$defs[name] || {}];
}

// What values an attribute takes, in words.
function allowedValues(schema) {
  const words = [];
  const visit = (s, inList) => {
    if (!s) return;
    if (s.$ref) {
      const [name, def] = resolveRef(s.$ref);
      if (name === 'unknown') { if (!inList) words.push('"unknown"'); return; }
      if (def.enum) { words.push(`${inList ? 'a list of ' : ''}${def.enum.join(', ')}`); return; }
      const entry = /an entry of "(\w+)"/.exec(def.description || '');
      if (name.startsWith('value.') && def.type === 'string' && entry) {
        words.push(inList ? `a list of ids of entries of "${entry[1]}"` : `the id of an entry of "${entry[1]}"`); return;
      }
      if (def.type) { words.push(`${inList ? 'a list of ' : ''}${def.type === 'boolean' ? 'true or false' : def.type}`); return; }
      if (def.anyOf) { def.anyOf.forEach((x) => visit(x, inList)); return; }
      return;
    }
    if (s.anyOf) { s.anyOf.forEach((x) => visit(x, inList)); return; }
    if (s.type === 'array' && s.items) { visit(s.items, true); return; }
    if (s.type === 'object' && s.properties && s.properties.values) return;  // {"values", "unknown"} form
    if (s.enum) { words.push(s.enum.join(', ')); return; }
    if (s.type === 'boolean') words.push('true or false');
    else if (s.type) words.push(s.type === 'string' ? 'text' : s.type);
  };
  visit(schema, false);
  return [...new Set(words)].join('; or ');
}

function snippetFor(schema) {
  const first = (s) => {
    if (!s) return '""';
    if (s.$ref) {
      const [name, def] = resolveRef(s.$ref);
      if (name === 'notes') return '""';
      if (name === 'unknown') return '"unknown"';
      if (def.enum) return JSON.stringify(def.enum[0]);
      if (def.type === 'boolean') return 'false';
      if (def.type === 'integer') return '0';
      if (def.type === 'object') return '{"id": ""}';
      return '""';
    }
    if (s.anyOf) return first(s.anyOf[0]);
    if (s.type === 'array') return '[]';
    if (s.type === 'boolean') return 'false';
    if (s.type === 'integer') return '0';
    return '""';
  };
  return first(schema);
}

function insertAtCursor(fragment) {
  const editor = $('editor');
  const start = editor.selectionStart;
  const end = editor.selectionEnd;
  const text = editor.value;
  const before = text.slice(0, start).replace(/\s+$/, '');
  const after = text.slice(end).replace(/^\s+/, '');
  let insert = fragment;
  if (before && !/[{[,:]$/.test(before)) insert = `, ${insert}`;
  if (after && /^["{[]/.test(after)) insert = `${insert},`;
  editor.setRangeText(insert, start, end, 'end');
  editor.focus();
  checkSyntax();
  updateSchemaHelp();
}

function updateSchemaHelp() {
  if (!state.schema) return;
  const editor = $('editor');
  const path = pathAt(editor.value, editor.selectionStart);
  const context = $('schema-context');
  const list = $('schema-list');
  const top = state.schema.properties;
  let properties = top;
  let where = 'the scenario as a whole';
  let kind = null;
  if (path.length >= 2 && typeof path[0] === 'string' && top[path[0]] && top[path[0]].items && top[path[0]].items.$ref && typeof path[1] === 'number') {
    kind = path[0];
    const [, def] = resolveRef(top[kind].items.$ref);
    properties = def.properties || {};
    where = `entry ${path[1] + 1} of "${kind}" (${def.description || kind})`;
  }
  const current = kind ? path[2] : path[0];
  context.replaceChildren('Editing ', el('strong', {}, where),
    path.length ? el('span', {}, ' at ', el('code', {}, '/' + path.filter((p) => p !== null).join('/'))) : '');
  const dl = el('dl', {});
  for (const [name, schema] of Object.entries(properties)) {
    if (name === '$schema') continue;
    let description = schema.description || '';
    if (!description && schema.items && schema.items.$ref) description = resolveRef(schema.items.$ref)[1].description || '';
    if (!description && schema.$ref) description = resolveRef(schema.$ref)[1].description || '';
    let signature = '';
    const m = /^([a-z_$][\w$]*\([^)]*\)): (.*)$/s.exec(description);
    if (m) { signature = m[1]; description = m[2].replace(/\{(\w+)\}/g, 'the $1'); }
    const values = kind || !top[name] || !top[name].items ? allowedValues(schema) : `a list of ${name}`;
    const snippet = kind === null && schema.items && schema.items.$ref ? '[{"id": ""}]' : snippetFor(schema);
    dl.append(
      el('dt', { class: name === current ? 'current' : '', 'data-key': name },
        el('code', {}, name),
        el('button', { type: 'button', 'aria-label': `Insert "${name}"`, 'data-testid': 'schema-insert',
          onclick: () => insertAtCursor(`"${name}": ${snippet}`) }, 'insert')),
      el('dd', {}, description, signature ? el('span', { class: 'values' }, ` (${signature})`) : '',
        values ? el('div', { class: 'values' }, 'Takes: ', values) : ''));
  }
  if (kind) {
    dl.prepend(el('dt', {}, el('button', { type: 'button', 'data-testid': 'schema-insert-entry',
      onclick: () => insertAtCursor('{"id": ""}') }, `insert a new entry of ${kind}`)));
  }
  list.replaceChildren(dl);
}

// Moves the cursor to the value a JSON pointer names, when the text parses.
function goToPointer(pointer) {
  const editor = $('editor');
  const text = editor.value;
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  // Scan for the position whose path equals the pointer: try each quote or value start.
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"' && text[i] !== '{' && text[i] !== '[' && !/[-0-9tfn]/.test(text[i])) continue;
    const path = pathAt(text, i + 1).map(String);
    if (path.length === parts.length && path.every((p, k) => p === parts[k])) {
      let end = i + 1;
      if (text[i] === '"') {
        while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
        i++;
      }
      editor.focus();
      editor.setSelectionRange(i, end);
      updateSchemaHelp();
      return;
    }
  }
  editor.focus();
}

function updateEntityIds() {
  const list = $('entity-ids');
  list.replaceChildren();
  let scenario = null;
  try { scenario = JSON.parse($('editor').value); } catch (e) { return; }
  const ids = [];
  for (const [key, value] of Object.entries(scenario || {})) {
    if (!Array.isArray(value)) continue;
    for (const entry of value) if (entry && typeof entry.id === 'string') ids.push([entry.id, `${entry.name || entry.id} (${key})`]);
  }
  for (const [id, label] of ids) list.append(el('option', { value: id, label }));
}

// ---- evaluation ---------------------------------------------------------------------

function currentSettings() {
  return {
    scenario: $('editor').value,
    profile: $('profile-select').value,
    language: $('language-select').value || undefined,
    explain: $('explain-select').value,
  };
}

function settingsKey(s) {
  return JSON.stringify([s.scenario, s.profile, s.language]);
}

function assumptionList() {
  return [...state.assume.entries()].map(([fact, value]) => `${fact}=${value ? 'true' : 'false'}`);
}

// Evaluates the editor's scenario; `reason` words what changed since the last list, for
// the marks on findings that moved ("was possible").
async function evaluate(reason) {
  if (!checkSyntax()) {
    setStatus('The scenario is not well-formed JSON: see under the editor.', true);
    return;
  }
  const settings = currentSettings();
  if (!settings.scenario.trim()) { setStatus('Load, paste or open a scenario first.', true); return; }
  const key = settingsKey(settings);
  const seq = ++state.seq;   // a later evaluation wins over one still under way
  clearErrors();
  setStatus('Evaluating…');
  try {
    if (!state.base || state.base.key !== key) {
      const sameScenario = state.base && JSON.parse(state.base.key)[0] === settings.scenario;
      const base = await api('/api/evaluate', { ...settings });
      if (seq !== state.seq) return;
      state.base = { key, questions: base.report.questions || [] };
      // Answers given keep applying where the new evaluation asks the same facts.
      const asked = new Set(state.base.questions.flatMap((q) => q.facts.map(factText)));
      for (const fact of [...state.assume.keys()]) if (!asked.has(fact)) state.assume.delete(fact);
      if (!sameScenario) state.assume.clear();
      if (state.assume.size === 0) { show(base, reason, settings); return; }
    }
    const answer = await api('/api/evaluate', { ...settings, assume: assumptionList() });
    if (seq !== state.seq) return;
    show(answer, reason, settings);
  } catch (e) {
    if (seq !== state.seq) return;
    if (e instanceof ApiError && e.status === 400) {
      showErrors(e);
      markStale();
      setStatus('The scenario has errors: see under the editor.', true);
    } else {
      setStatus(`Evaluation failed: ${e.message}`, true);
    }
  }
}

// After a refused evaluation the findings shown are those of the last scenario that evaluated.
function markStale() {
  if (!state.report) return;
  const summary = $('findings-summary');
  if (!summary.querySelector('.stale')) {
    summary.prepend(el('span', { class: 'stale' }, 'Not updated: the scenario in the editor has errors. '));
  }
}

function show(answer, reason, settings) {
  const report = answer.report;
  const previous = state.shown && state.shown.scenario === settings.scenario ? state.shown : null;
  state.report = report;
  renderFindings(report, previous, reasonLabel(reason, previous));
  renderQuestions();
  renderAssumptions(report);
  $('report-frame').srcdoc = answer.html || '';
  $('whatif-table').replaceChildren();
  const findings = new Map();
  for (const f of report.findings || []) findings.set(findingKey(f), f.level);
  state.shown = { scenario: settings.scenario, findings, profile: report.profile };
  const profile = state.info.profiles.includes(report.profile) ? report.profile : settings.profile;
  setStatus(`Evaluated ${report.scenario || 'the scenario'} under ${profile}.`);
  document.body.dataset.evaluated = String(Number(document.body.dataset.evaluated || 0) + 1);
}

function reasonLabel(reason, previous) {
  if (!previous) return '';
  if (reason === 'profile') return `under ${previous.profile}`;
  if (reason === 'answer') return 'before your last answer';
  return 'before';
}

function renderFindings(report, previous, label) {
  const counts = { implicated: 0, possible: 0 };
  const byPrinciple = new Map();
  const seen = new Set();
  for (const finding of report.findings || []) {
    counts[finding.level] = (counts[finding.level] || 0) + 1;
    if (!byPrinciple.has(finding.principle)) byPrinciple.set(finding.principle, { title: finding.title, items: [] });
    byPrinciple.get(finding.principle).items.push({ finding, level: finding.level });
    seen.add(findingKey(finding));
  }
  // Findings listed before that the new evaluation no longer finds are not implicated now.
  const vanished = [];
  if (previous) {
    for (const [key, level] of previous.findings) {
      if (seen.has(key) || key.includes('=?')) continue;
      const [principle, ...roles] = key.split(' ');
      const finding = { principle, roles: Object.fromEntries(roles.map((r) => r.split('='))), level: 'not_implicated' };
      if (!byPrinciple.has(principle)) byPrinciple.set(principle, { title: principleTitle(principle), items: [] });
      byPrinciple.get(principle).items.push({ finding, level: 'not_implicated', vanished: true });
      vanished.push(key);
    }
  }
  const summary = $('findings-summary');
  const total = (report.findings || []).length;
  summary.textContent = total === 0
    ? `Under ${report.profile}, no principle is implicated or possibly implicated.`
    : `Under ${report.profile}: ${counts.implicated} implicated, ${counts.possible} possible, ` +
      `${(report.not_implicated || []).length} principles not implicated.`;
  const box = $('findings');
  box.replaceChildren();
  for (const [principle, group] of byPrinciple) {
    const list = el('ul', { class: 'findings-list' });
    for (const item of group.items) list.append(renderFinding(item, report, previous, label));
    box.append(el('section', { class: 'principle', 'data-principle': principle },
      el('h3', {}, group.title || principleTitle(principle), ' ', el('code', {}, principle)), list));
  }
  const notList = $('not-implicated');
  notList.replaceChildren();
  for (const n of report.not_implicated || []) {
    notList.append(el('li', { 'data-principle': n.principle },
      el('strong', {}, n.title || n.principle), ' ', el('code', {}, n.principle), ': ', n.text || ''));
  }
  $('not-implicated-box').hidden = (report.not_implicated || []).length === 0;
}

function renderFinding(item, report, previous, label) {
  const { finding, level } = item;
  const key = findingKey(finding);
  const before = previous ? previous.findings.get(key) || (item.vanished ? null : 'not_implicated') : null;
  const changed = previous && before && before !== level;
  const node = el('li', {
    class: 'finding', 'data-testid': 'finding', 'data-key': key, 'data-level': level,
    'data-principle': finding.principle, 'data-was': changed ? before : null, 'data-vanished': item.vanished ? 'true' : null,
  });
  const heading = el('p', { class: 'finding-head' }, levelBadge(level));
  if (changed) {
    heading.append(el('span', { class: 'changed', 'data-testid': 'changed' },
      `was ${LEVEL_WORDS[before]} ${label}`));
  }
  node.append(heading);
  const roles = el('dl', { class: 'roles' });
  for (const [role, value] of Object.entries(finding.roles || {})) {
    const name = nameOf(value, report.names);
    roles.append(el('div', {}, el('dt', {}, role), el('dd', {}, name, name !== value ? el('code', {}, ` ${value}`) : '')));
  }
  node.append(roles);
  if (item.vanished) {
    node.append(el('p', { class: 'hint' }, 'The evaluation no longer finds this.'));
    return node;
  }
  const routes = (finding.hinges && finding.hinges.routes) || [];
  if (level === 'possible' && routes.length) {
    const ol = el('ol', {});
    for (const route of routes) {
      const li = el('li', {});
      route.forEach((answer, n) => {
        const question = (report.questions || [])[answer.question];
        if (n > 0) li.append(' and ');
        li.append(el('span', { class: 'hinge' }, question ? question.text : `question ${answer.question + 1}`), ' ',
          el('span', { class: 'answer' }, `→ ${answer.text || answer.answer}`));
      });
      ol.append(li);
    }
    const more = finding.hinges.truncated ? el('p', { class: 'hint' }, `and ${finding.hinges.total - routes.length} more ways`) : '';
    node.append(el('div', { class: 'hinges' }, el('h4', {}, 'Implicated if'), ol, more));
  } else if (level === 'possible') {
    node.append(el('p', { class: 'hint' }, 'No answer to the open questions makes this implicated.'));
  }
  return node;
}

function renderAssumptions(report) {
  const box = $('assumptions');
  const list = report.assumptions || [];
  if (!list.length) { box.replaceChildren(); return; }
  box.replaceChildren(el('p', {}, el('strong', {}, 'Answered by you:')),
    el('ul', {}, list.map((a) => el('li', {}, `${a.fact.text}: ${a.value ? 'yes' : 'no'} (the scenario says ${a.stated === 'false' ? 'nothing' : a.stated})`))));
}

// The questions of the evaluation without assumptions, each fact a three-way choice.
function renderQuestions() {
  const box = $('questions');
  // The choices are drawn anew: the one a keyboard was on keeps the focus.
  const focused = box.contains(document.activeElement) ? document.activeElement.id : null;
  const questions = (state.base && state.base.questions) || [];
  if (!questions.length) {
    box.replaceChildren(el('p', {}, 'The scenario leaves no question open that a finding turns on.'));
    return;
  }
  box.replaceChildren();
  questions.forEach((question, q) => {
    const facts = question.facts || [];
    const part = el('div', { class: 'question-box', 'data-testid': 'question', 'data-element': question.element },
      el('span', { class: 'element' }, question.kind === 'law' ? 'question of law' : question.element),
      el('h3', { id: `q${q}-text` }, question.positions ? question.text.replace(question.positions, '').trim() : question.text));
    if (question.positions) part.append(el('p', { class: 'positions' }, question.positions));
    facts.forEach((fact, f) => {
      const assumption = factText(fact);
      const value = state.assume.has(assumption) ? String(state.assume.get(assumption)) : 'unknown';
      const name = `q${q}f${f}`;
      const set = el('fieldset', { class: 'toggle', 'data-testid': 'hinge-toggle', 'data-fact': assumption, 'data-value': value,
        'aria-describedby': `q${q}-text` },
        el('legend', {}, facts.length > 1 ? fact.text : 'Answer'));
      for (const [v, words] of [['unknown', 'unknown'], ['true', 'yes'], ['false', 'no']]) {
        const id = `${name}-${v}`;
        set.append(el('span', {},
          el('input', { type: 'radio', name, id, value: v, checked: v === value, 'data-answer': words,
            onchange: () => answerQuestion(assumption, v) }),
          ' ', el('label', { for: id }, words)));
      }
      part.append(set);
    });
    box.append(part);
  });
  if (focused && $(focused)) $(focused).focus();
}

function answerQuestion(fact, value) {
  if (value === 'unknown') state.assume.delete(fact);
  else state.assume.set(fact, value === 'true');
  evaluate('answer');
}

async function showWhatIf() {
  const settings = currentSettings();
  try {
    setStatus('Asking every open question both ways…');
    const answer = await api('/api/whatif', { scenario: settings.scenario, profile: settings.profile, assume: assumptionList() });
    const whatif = answer.whatif;
    const table = el('table', { 'data-testid': 'whatif-rows' },
      el('caption', {}, `What each answer changes, under ${whatif.profile}`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Question'), el('th', { scope: 'col' }, 'Answer'), el('th', { scope: 'col' }, 'What changes'))));
    const body = el('tbody', {});
    for (const q of whatif.questions || []) {
      (q.answers || []).forEach((a, n) => {
        const changes = (a.changes || []).map((c) => el('li', {},
          `${principleTitle(c.principle)} (${Object.values(c.roles || {}).map((v) => nameOf(v, state.report && state.report.names)).join(', ')}): `,
          levelBadge(c.from), ' → ', levelBadge(c.to)));
        const row = el('tr', {});
        if (n === 0) row.append(el('th', { scope: 'row', rowspan: q.answers.length }, q.question));
        row.append(el('td', {}, a.answer), el('td', {}, changes.length ? el('ul', {}, changes) : 'nothing'));
        body.append(row);
      });
    }
    table.append(body);
    $('whatif-table').replaceChildren(whatif.questions && whatif.questions.length ? table : el('p', {}, 'No open question.'));
    setStatus('The what-if table is under the questions.');
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) showErrors(e);
    setStatus(`What-if failed: ${e.message}`, true);
  }
}

// ---- comparison ---------------------------------------------------------------------

async function compare() {
  if (!checkSyntax()) return;
  try {
    setStatus('Comparing the profiles…');
    const answer = await api('/api/compare', { scenario: $('editor').value });
    const c = answer.comparison;
    const names = (state.report && state.report.names) || {};
    const table = el('table', { 'data-testid': 'compare-rows' },
      el('caption', {}, `Each finding under each profile (${c.scenario || ''})`));
    table.append(el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Principle and roles'),
      c.profiles.map((p) => el('th', { scope: 'col' }, p)))));
    const body = el('tbody', {});
    for (const row of c.rows || []) {
      const roles = Object.entries(row.roles || {}).map(([r, v]) => `${r}: ${nameOf(v, names)}`).join('; ');
      const tr = el('tr', { 'data-principle': row.principle, 'data-agree': String(row.agree) },
        el('th', { scope: 'row' }, principleTitle(row.principle), roles ? el('div', { class: 'hint' }, roles) : ''));
      for (const p of c.profiles) {
        const level = row.levels[p];
        tr.append(el('td', { class: level, 'data-profile': p, 'data-level': level }, LEVEL_WORDS[level] || level || ''));
      }
      body.append(tr);
      if (!row.agree && row.parameters && row.parameters.length) {
        body.append(el('tr', {}, el('td', { colspan: c.profiles.length + 1, class: 'hint' },
          'They differ on: ', row.parameters.map((x) => x.parameter).join(', '))));
      }
    }
    table.append(body);
    $('compare-table').replaceChildren(el('div', { class: 'table-wrap' }, table));
    $('compare-frame').srcdoc = answer.html || '';
    $('compare-box').hidden = !answer.html;
    setStatus('The comparison is shown.');
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) showErrors(e);
    setStatus(`Comparison failed: ${e.message}`, true);
  }
}

// ---- exercises ----------------------------------------------------------------------

async function loadExerciseList() {
  const list = await api('/api/exercises');
  const select = $('exercise-select');
  for (const x of list.exercises || []) {
    select.append(el('option', { value: x.id }, `${x.title} (${x.difficulty})`));
  }
}

async function openExercise() {
  const id = $('exercise-select').value;
  if (!id) { setStatus('Choose an exercise first.', true); return; }
  try {
    const answer = await api(`/api/exercises/${encodeURIComponent(id)}`);
    state.exercise = answer.exercise;
    const x = answer.exercise;
    $('exercise').hidden = false;
    $('exercise-title').textContent = x.title;
    $('exercise-meta').textContent = `Difficulty: ${x.difficulty}. Profiles: ${x.profiles.join(', ')}.` +
      (x.principles && x.principles.length ? ` Principles graded: ${x.principles.join(', ')}.` : '');
    $('exercise-question').textContent = x.question;
    $('exercise-goals').replaceChildren(...(x.goals || []).map((g) => el('li', {}, g)));
    $('answer-rows').replaceChildren();
    $('answer-json').value = '';
    $('grade').replaceChildren();
    $('scenario-select').value = answer.scenario_id || '';
    setEditor(answer.scenario, answer.scenario_id);
    state.base = null;
    state.shown = null;
    state.assume.clear();
    clearResults();
    if (x.profiles.length && state.info.profiles.includes(x.profiles[0])) $('profile-select').value = x.profiles[0];
    addAnswerRow();
    setStatus(`Exercise ${x.title} is open; its scenario is in the editor.`);
    $('exercise-title').scrollIntoView({ block: 'start' });
  } catch (e) {
    setStatus(`Could not open the exercise: ${e.message}`, true);
  }
}

function clearResults() {
  $('findings').replaceChildren();
  $('findings-summary').textContent = 'Evaluate the scenario to see its findings.';
  $('questions').replaceChildren(el('p', {}, 'No open questions yet.'));
  $('not-implicated-box').hidden = true;
  $('assumptions').replaceChildren();
  $('report-frame').srcdoc = '';
  $('whatif-table').replaceChildren();
}

function questionElements() {
  const elements = new Set();
  for (const r of (state.catalog && state.catalog.relations) || []) if (r.question && r.question.element) elements.add(r.question.element);
  elements.add('law');
  return [...elements].sort();
}

let answerRowCount = 0;

function addAnswerRow() {
  const x = state.exercise;
  const n = ++answerRowCount;
  const row = el('div', { class: 'answer-row', 'data-testid': 'answer-row', role: 'group', 'aria-label': `Finding ${n}` });
  if (x.profiles.length > 1) {
    row.append(el('label', { for: `a${n}-profile` }, 'Profile'),
      el('select', { id: `a${n}-profile`, 'data-field': 'profile' }, x.profiles.map((p) => el('option', { value: p }, p))));
  }
  const principles = (x.principles && x.principles.length ? x.principles : state.info.principles);
  const principleSelect = el('select', { id: `a${n}-principle`, 'data-field': 'principle', 'data-testid': 'answer-principle' },
    principles.map((p) => el('option', { value: p }, `${principleTitle(p)} (${p})`)));
  const roleBox = el('span', { class: 'roles-in' });
  const fillRoles = () => {
    const p = state.catalog.principles.find((c) => c.id === principleSelect.value);
    roleBox.replaceChildren();
    for (const role of (p && p.roles) || []) {
      const id = `a${n}-role-${role}`;
      roleBox.append(el('label', { for: id }, role), ' ',
        el('input', { type: 'text', id, list: 'entity-ids', 'data-role': role, 'data-testid': 'answer-role', autocomplete: 'off' }), ' ');
    }
  };
  principleSelect.addEventListener('change', fillRoles);
  const levelSelect = el('select', { id: `a${n}-level`, 'data-field': 'level', 'data-testid': 'answer-level' },
    LEVELS.map((l) => el('option', { value: l }, LEVEL_WORDS[l])));
  const chips = el('fieldset', { class: 'chips' }, el('legend', {}, 'Hinges on (for a possible finding)'),
    questionElements().map((e) => {
      const id = `a${n}-hinge-${e}`;
      return el('span', {}, el('input', { type: 'checkbox', id, value: e, 'data-hinge': e }), ' ', el('label', { for: id }, e));
    }));
  row.append(el('label', { for: `a${n}-principle` }, 'Principle'), principleSelect, roleBox,
    el('label', { for: `a${n}-level` }, 'Level'), levelSelect, chips,
    el('button', { type: 'button', onclick: () => row.remove() }, 'Remove this finding'));
  $('answer-rows').append(row);
  fillRoles();
}

function answerFromRows() {
  const findings = [];
  for (const row of $('answer-rows').querySelectorAll('.answer-row')) {
    const finding = {};
    const profile = row.querySelector('[data-field=profile]');
    if (profile) finding.profile = profile.value;
    finding.principle = row.querySelector('[data-field=principle]').value;
    finding.roles = {};
    for (const input of row.querySelectorAll('input[data-role]')) if (input.value.trim()) finding.roles[input.dataset.role] = input.value.trim();
    finding.level = row.querySelector('[data-field=level]').value;
    const hinges = [...row.querySelectorAll('input[data-hinge]:checked')].map((i) => i.value);
    if (hinges.length) finding.hinges_on = hinges;
    findings.push(finding);
  }
  return { exercise: state.exercise.id, findings };
}

async function submitAnswer(event) {
  event.preventDefault();
  if (!state.exercise) return;
  const pasted = $('answer-json').value.trim();
  const answer = pasted || answerFromRows();
  const box = $('grade');
  try {
    setStatus('Grading…');
    const result = await api('/api/grade', { exercise: state.exercise.id, answer, reveal: false });
    renderGrade(result.grade);
    setStatus('Graded.');
  } catch (e) {
    const diagnostics = (e.body && e.body.diagnostics && e.body.diagnostics.diagnostics) || [];
    box.replaceChildren(el('p', { class: 'status error', 'data-testid': 'grade-error', 'data-status': e.status }, e.message),
      diagnostics.length ? el('ul', {}, diagnostics.map((d) => el('li', {}, el('code', {}, d.pointer || ''), ` ${d.code}: ${d.message}`))) : '');
    setStatus(`Grading failed: ${e.message}`, true);
  }
}

function renderGrade(grade) {
  const box = $('grade');
  const items = el('table', { 'data-testid': 'grade-items' },
    el('thead', {}, el('tr', {}, ['Finding', 'Verdict', 'Points', 'Feedback'].map((h) => el('th', { scope: 'col' }, h)))));
  const body = el('tbody', {});
  for (const item of grade.items || []) {
    const roles = Object.entries(item.roles || {}).map(([r, v]) => `${r}: ${v}`).join('; ');
    body.append(el('tr', { 'data-testid': 'grade-item', 'data-verdict': item.verdict },
      el('th', { scope: 'row' }, item.profile ? `${item.profile}: ` : '', principleTitle(item.principle), roles ? el('div', { class: 'hint' }, roles) : ''),
      el('td', {}, el('span', { class: `verdict ${item.verdict}` }, String(item.verdict).replace('_', ' '))),
      el('td', {}, `${item.points} of ${item.max_points}`),
      el('td', {}, item.feedback || '', (item.hints || []).length ? el('ul', {}, item.hints.map((h) => el('li', {}, 'Hint: ', h))) : '')));
  }
  items.append(body);
  box.replaceChildren(
    el('p', { class: 'grade-score', 'data-testid': 'grade-score', 'data-score': grade.score, 'data-max': grade.max_score },
      `Score: ${grade.score} of ${grade.max_score}`),
    grade.summary ? el('p', {}, grade.summary) : '', items);
}

// ---- start --------------------------------------------------------------------------

async function start() {
  try {
    const [info, catalog, schema] = await Promise.all([api('/api/info'), api('/api/catalog'), api('/api/schema')]);
    state.info = info;
    state.catalog = catalog;
    state.schema = schema;
    $('version').textContent = info.version ? `version ${info.version}` : '';
    const profiles = $('profile-select');
    for (const id of info.profiles) {
      const p = catalog.profiles && catalog.profiles.find((x) => x.id === id);
      profiles.append(el('option', { value: id }, p ? `${id}: ${p.title}` : id));
    }
    profiles.value = info.default_profile || info.profiles[0];
    const languages = $('language-select');
    for (const l of info.languages || []) languages.append(el('option', { value: l }, l));
    $('language-row').hidden = (info.languages || []).length < 2;
    updateSchemaHelp();
    await Promise.all([loadScenarioList(), loadExerciseList().catch(() => {})]);
    setStatus('Ready: choose a scenario, or paste or open one.');
    document.body.dataset.ready = 'true';
  } catch (e) {
    setStatus(`The page could not start: ${e.message}`, true);
  }
}

function wire() {
  $('scenario-select').addEventListener('change', pickScenario);
  $('scenario-file').addEventListener('change', readFile);
  const editor = $('editor');
  let timer = null;
  editor.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { checkSyntax(); updateEntityIds(); }, 250);
    updateSchemaHelp();
  });
  for (const event of ['click', 'keyup', 'focus']) editor.addEventListener(event, updateSchemaHelp);
  $('evaluate-button').addEventListener('click', () => evaluate('edit'));
  $('profile-select').addEventListener('change', () => { if (state.report) evaluate('profile'); });
  $('language-select').addEventListener('change', () => { if (state.report) evaluate('language'); });
  $('explain-select').addEventListener('change', () => { if (state.report) evaluate('explain'); });
  $('reset-answers').addEventListener('click', () => { state.assume.clear(); renderQuestions(); evaluate('answer'); });
  $('whatif-button').addEventListener('click', showWhatIf);
  $('compare-button').addEventListener('click', compare);
  $('exercise-open').addEventListener('click', openExercise);
  $('answer-add').addEventListener('click', addAnswerRow);
  $('answer-form').addEventListener('submit', submitAnswer);
  start();
}

document.addEventListener('DOMContentLoaded', wire);
