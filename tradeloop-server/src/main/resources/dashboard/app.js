'use strict';
// tradeloop dashboard: plain JS, no build step. Talks to the API with the key kept in sessionStorage,
// listens to /events through fetch streaming (so the key travels in a header, never in a URL).

const $ = (id) => document.getElementById(id);
const KEY_STORE = 'tradeloop.key';
const SPEEDS = [
  { v: 28800, label: '1 step/s' }, { v: 144000, label: '5 steps/s' }, { v: 288000, label: '10 steps/s' },
  { v: 1440000, label: '50 steps/s' }, { v: 2880000, label: '100 steps/s' }, { v: 1e9, label: 'max' },
];
const SLIDERS = ['max_leverage', 'target_utilization', 'max_positions', 'entry_apr_pct'];

const S = {
  key: sessionStorage.getItem(KEY_STORE),
  me: null, agents: [], agentId: null, status: null, decisions: [], params: {}, brains: [],
  charts: {}, chart: null, open: new Set(), base: 'BTC', stream: null, retryMs: 1000, chartTimer: null, dirty: false,
};

// ---------- API ----------
async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + S.key };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!res.ok) {
    const msg = data && data.message
      ? (data.field ? data.field + ': ' : '') + data.message
        + (data.allowed && !data.message.includes(data.allowed) ? ' (allowed: ' + data.allowed + ')' : '')
      : res.status + ' ' + res.statusText;
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return data;
}

// ---------- formatting ----------
const money = (v, sign) => v == null ? '—' : (sign && v > 0 ? '+' : '') + v.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
const pct = (v, d = 1) => v == null ? '—' : (v * 100).toFixed(d) + '%';
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const stamp = (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
function dur(s) {
  if (s == null) return '—';
  s = Math.floor(s);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${r}s` : `${r}s`;
}
function signClass(el, v) {
  el.classList.toggle('pos', v > 0);
  el.classList.toggle('neg', v < 0);
}

// ---------- banner ----------
function showError(msg) {
  $('banner-text').textContent = msg;
  $('banner').hidden = false;
}
$('banner-close').addEventListener('click', () => { $('banner').hidden = true; });

// ---------- login ----------
async function login(key) {
  S.key = key;
  try {
    S.me = await api('GET', '/me');
  } catch (e) {
    S.key = null;
    sessionStorage.removeItem(KEY_STORE);
    throw e;
  }
  sessionStorage.setItem(KEY_STORE, key);
  $('who').textContent = S.me.name;
  $('logout').hidden = false;
  $('login').hidden = true;
  $('app').hidden = false;
  await loadParams();
  await loadBrains();
  await loadAgents();
  connectEvents();
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const btn = $('login-btn');
  btn.classList.add('loading');
  $('login-error').hidden = true;
  try {
    await login($('key').value.trim());
  } catch (e) {
    $('login-error').textContent = e.status === 401 ? 'That key is not valid.' : e.message;
    $('login-error').hidden = false;
  } finally {
    btn.classList.remove('loading');
  }
});

$('logout').addEventListener('click', () => {
  sessionStorage.removeItem(KEY_STORE);
  location.reload();
});

// ---------- settings ranges from the API's own schema ----------
async function loadParams() {
  const doc = await fetch('/openapi.json').then((r) => r.json());
  S.params = doc.components.schemas.AgentConfigPatch.properties;
  for (const id of SLIDERS) {
    const p = S.params[id], el = $(id);
    el.min = p.minimum;
    el.max = el.dataset.max || p.maximum;
    el.addEventListener('input', () => { S.dirty = true; renderSliderLabels(); renderPreview(); });
  }
  $('speed').addEventListener('input', () => { S.dirty = true; renderSliderLabels(); });
}

// ---------- brains: funding brains trade the funding replay, a 'bars' brain one asset's 4h bars ----------
async function loadBrains() {
  S.brains = await api('GET', '/brains');
  const sel = $('brain');
  sel.innerHTML = '';
  for (const b of S.brains) {
    const o = document.createElement('option');
    o.value = b.id;
    o.textContent = b.id + (b.market === 'bars' ? ' (directional, 4h bars)' : ' (funding arbitrage)');
    sel.appendChild(o);
  }
  sel.addEventListener('change', () => { S.dirty = true; renderBrain(); renderSliderLabels(); });
  $('asset').addEventListener('change', () => { S.dirty = true; });
}

const brainOf = (id) => S.brains.find((b) => b.id === id);
const isBars = (id) => { const b = brainOf(id); return !!b && b.market === 'bars'; };

/** Shows the asset chooser and the sizing note that fit the chosen brain. */
function renderBrain(asset) {
  const b = brainOf($('brain').value);
  const bars = !!b && b.market === 'bars';
  $('asset-row').hidden = !bars;
  $('size-preview').hidden = bars;
  // a directional agent holds one position and has no funding carry: those settings do not apply to it
  for (const id of ['max_positions', 'entry_apr_pct']) $(id).closest('.slider').hidden = bars;
  const sel = $('asset');
  if (bars) {
    const keep = asset || sel.value;
    sel.innerHTML = '';
    for (const a of b.assets) {
      const o = document.createElement('option');
      o.value = o.textContent = a;
      sel.appendChild(o);
    }
    if (b.assets.includes(keep)) sel.value = keep;
  }
  $('brain-note').textContent = !b ? 'this agent\'s brain is not loaded on this server'
    : bars ? 'Trades one asset long, flat or short through the directional stack (votes, meta-label, confidence, regime and fuzzy gates, '
      + 'risk layer); size = the stack\'s fraction of equity, capped at utilisation × leverage.'
      : 'Funding-rate arbitrage across venues (long one perpetual, short another).';
}

/** Replay speed in the agent's own steps: 8 h funding ticks or 4 h bars. */
function speedLabel(sp) {
  if (!isBars($('brain').value)) return sp.label;
  return sp.v >= 1e9 ? sp.label : Math.round(sp.v / 14400) + ' bars/s';
}

function renderSliderLabels() {
  $('max_leverage-v').textContent = Number($('max_leverage').value).toFixed(1) + '×';
  $('target_utilization-v').textContent = Math.round($('target_utilization').value * 100) + '%';
  $('max_positions-v').textContent = $('max_positions').value;
  $('entry_apr_pct-v').textContent = $('entry_apr_pct').value + '%';
  $('speed-v').textContent = speedLabel(SPEEDS[$('speed').value]);
}

function renderPreview() {
  const st = S.status;
  if (!st) return;
  const avail = st.available_usd;
  const util = Number($('target_utilization').value), pos = Number($('max_positions').value);
  const max = Math.max(0, avail) * util / pos;
  $('pv-max').textContent = money(max);
  $('pv-small').textContent = money(max * 0.1);
  $('pv-medium').textContent = money(max * 0.2);
  $('pv-large').textContent = money(max * 0.3);
  const lev = Math.min(Number($('max_leverage').value), 0.9 / st.config.liquidation_buffer);
  $('pv-lev').textContent = lev.toFixed(2) + '×';
}

function fillSettings(cfg) {
  for (const id of SLIDERS) $(id).value = cfg[id];
  const sel = $('brain');
  if (!brainOf(cfg.brain) && ![...sel.options].some((o) => o.value === cfg.brain)) {
    const o = document.createElement('option'); // an agent whose brain is not loaded here still shows it
    o.value = o.textContent = cfg.brain;
    sel.appendChild(o);
  }
  sel.value = cfg.brain;
  renderBrain(cfg.asset);
  let best = 0;
  SPEEDS.forEach((s, i) => { if (Math.abs(Math.log(s.v / cfg.speed)) < Math.abs(Math.log(SPEEDS[best].v / cfg.speed))) best = i; });
  $('speed').value = best;
  S.dirty = false;
  renderSliderLabels();
  renderPreview();
}

$('save-config').addEventListener('click', () => withLoading($('save-config'), async () => {
  const body = {};
  for (const id of SLIDERS) body[id] = Number($(id).value);
  body.max_positions = Math.round(body.max_positions);
  body.speed = SPEEDS[$('speed').value].v;
  if ($('brain').value !== S.status.config.brain) body.brain = $('brain').value;
  if (isBars($('brain').value) && $('asset').value) body.asset = $('asset').value;
  if (body.entry_apr_pct < S.status.config.exit_apr_pct) body.exit_apr_pct = body.entry_apr_pct;
  try {
    const st = await api('PUT', '/agent/config?agent_id=' + S.agentId, body);
    setStatus(st);
    fillSettings(st.config);
    note('Saved.', true);
  } catch (e) {
    note(e.message, false);
    throw e;
  }
}));

function note(text, ok) {
  const el = $('config-msg');
  el.textContent = text;
  el.className = 'small ' + (ok ? 'ok' : 'bad');
  if (ok) setTimeout(() => { if (el.textContent === text) el.textContent = ''; }, 2500);
}

// ---------- agents ----------
async function loadAgents(select) {
  S.agents = await api('GET', '/agents');
  const sel = $('agent-select');
  sel.innerHTML = '';
  for (const a of S.agents) {
    const o = document.createElement('option');
    o.value = a.agent_id;
    o.textContent = `${a.name} (#${a.agent_id})`;
    sel.appendChild(o);
  }
  if (S.agents.length === 0) {
    $('reason').textContent = 'You have no agent yet: press “+ New” to create one.';
    setButtons(null);
    return;
  }
  const id = select || (S.agents.some((a) => a.agent_id === S.agentId) ? S.agentId : S.agents[0].agent_id);
  sel.value = id;
  await selectAgent(Number(id));
}

$('agent-select').addEventListener('change', (e) => selectAgent(Number(e.target.value)));
$('new-agent').addEventListener('click', () => withLoading($('new-agent'), async () => {
  const st = await api('POST', '/agents', {});
  await loadAgents(st.agent_id);
}));

async function selectAgent(id) {
  S.agentId = id;
  const [st, page] = await Promise.all([api('GET', '/agent/status?agent_id=' + id), api('GET', '/agent/decisions?limit=100&agent_id=' + id)]);
  setStatus(st);
  fillSettings(st.config);
  S.decisions = page.decisions;
  renderDecisions();
  await refreshChart();
}

function setStatus(st) {
  S.status = st;
  const badge = $('state');
  badge.textContent = st.state;
  badge.className = 'badge ' + st.state;
  const reason = $('reason');
  reason.textContent = st.reason || '';
  reason.className = 'muted small reason' + (st.state === 'ERROR' ? ' error' : '');
  $('reset').checked = st.finished;
  $('progress-bar').style.width = (st.progress * 100).toFixed(1) + '%';
  $('sim-time').textContent = st.sim_time ? 'market time ' + stamp(Date.parse(st.sim_time)) : 'not started';
  $('model').textContent = st.model_version + (st.model_age_seconds != null ? ' · trained ' + dur(st.model_age_seconds) + ' ago' : ' · rule, untrained');
  $('s-equity').textContent = money(st.equity_usd);
  $('s-pnl').textContent = money(st.pnl_total_usd, true);
  signClass($('s-pnl'), st.pnl_total_usd);
  $('s-today').textContent = money(st.pnl_today_usd, true);
  signClass($('s-today'), st.pnl_today_usd);
  $('s-win').textContent = st.win_rate == null ? '—' : pct(st.win_rate, 0);
  $('s-trades').textContent = st.trades;
  $('s-open').textContent = st.open_positions;
  $('s-uptime').textContent = dur(st.uptime_seconds);
  $('s-pred').textContent = st.predictions.toLocaleString('en-US');
  $('dd').textContent = 'max drawdown ' + pct(st.max_drawdown_pct, 2);
  setButtons(st);
  renderPositions(st.positions);
  if (!S.dirty) fillSettings(st.config); else renderPreview();
  const running = st.state === 'RUNNING';
  if (running && !S.chartTimer) S.chartTimer = setInterval(() => { if (!document.hidden) refreshChart(); }, 2000);
  if (!running && S.chartTimer) { clearInterval(S.chartTimer); S.chartTimer = null; refreshChart(); }
}

function setButtons(st) {
  const s = st ? st.state : null;
  $('btn-start').disabled = !(s === 'STOPPED' || s === 'ERROR');
  $('btn-pause').disabled = s !== 'RUNNING';
  $('btn-resume').disabled = s !== 'PAUSED';
  $('btn-stop').disabled = !(s === 'RUNNING' || s === 'PAUSED');
  const locked = s === 'RUNNING' || s == null;
  for (const id of [...SLIDERS, 'speed', 'save-config', 'brain', 'asset']) $(id).disabled = locked;
  $('lock').hidden = s !== 'RUNNING';
}

async function withLoading(btn, fn) {
  btn.classList.add('loading');
  btn.disabled = true;
  try {
    await fn();
  } catch (e) {
    showError(e.message);
  } finally {
    btn.classList.remove('loading');
    if (S.status) setButtons(S.status); else btn.disabled = false;
    $('new-agent').disabled = false;
  }
}

for (const [id, verb] of [['btn-start', 'start'], ['btn-pause', 'pause'], ['btn-resume', 'resume'], ['btn-stop', 'stop']]) {
  $(id).addEventListener('click', () => withLoading($(id), async () => {
    const body = verb === 'start' ? { reset: $('reset').checked } : undefined;
    const st = await api('POST', `/agent/${verb}?agent_id=${S.agentId}`, body);
    if (verb === 'start' && body.reset) { S.decisions = []; renderDecisions(); }
    setStatus(st);
  }));
}

// ---------- positions ----------
function renderPositions(list) {
  const body = $('positions-body');
  body.innerHTML = '';
  if (!list || list.length === 0) {
    body.innerHTML = '<tr><td colspan="10" class="muted">no open positions</td></tr>';
    return;
  }
  for (const p of list) {
    const tr = document.createElement('tr');
    const cells = [p.slot, p.qty > 0 ? 'long' : 'short', `${p.venue} ${p.symbol}`, Math.abs(p.qty).toFixed(4), p.entry_price.toFixed(2),
      p.mark_price.toFixed(2), p.leverage.toFixed(2) + '×', money(p.funding_usd, true), money(p.unrealised_usd, true),
      p.liquidation_price == null ? '—' : p.liquidation_price.toFixed(2)];
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      td.textContent = c;
      if (i >= 3) td.className = 'num';
      if (i === 8) signClass(td, p.unrealised_usd);
      tr.appendChild(td);
    });
    body.appendChild(tr);
  }
}

// ---------- decisions ----------
function actionKind(d) {
  if (d.orders.some((o) => o.status === 'REFUSED') || d.risk.some((r) => r.verdict === 'REFUSED')) return 'REFUSED';
  return d.action.startsWith('ENTER') ? 'ENTER' : d.action.startsWith('EXIT') ? 'EXIT' : 'HOLD';
}

function decisionItem(d) {
  const li = document.createElement('li');
  li.className = 'decision';
  li.dataset.seq = d.seq;
  const line = document.createElement('div');
  line.className = 'd-line';
  const t = document.createElement('span');
  t.className = 'd-time';
  t.textContent = '#' + d.seq + ' · ' + stamp(d.sim_time_ms);
  const a = document.createElement('span');
  a.className = 'act ' + actionKind(d);
  a.textContent = d.action;
  const c = document.createElement('span');
  c.className = 'conf';
  const bar = document.createElement('span');
  bar.className = 'bar';
  const fill = document.createElement('i');
  fill.style.width = Math.round(d.confidence * 100) + '%';
  bar.appendChild(fill);
  c.append(bar, document.createTextNode(Math.round(d.confidence * 100) + '%'));
  const why = document.createElement('span');
  why.className = 'd-why';
  why.textContent = d.reasoning;
  why.title = d.reasoning;
  line.append(t, a, c, why);
  const detail = document.createElement('div');
  detail.className = 'd-detail';
  detail.append(
    listBlock('Votes', d.votes.map((v) => `${v.voter} → ${v.action} (${Math.round(v.confidence * 100)}%): ${v.detail}`)),
    listBlock('Gates', d.gates.map((g) => `${g.passed ? '✓' : '✗'} ${g.name}: ${g.detail}`), d.gates.map((g) => g.passed)),
    listBlock('Risk & orders', [
      ...d.risk.map((r) => `${r.rule}: ${r.verdict}${r.reason ? ' — ' + r.reason : ''}`),
      ...d.orders.map((o) => `${o.status} ${o.side} ${o.qty} ${o.symbol}@${o.venue}${o.fill_price != null ? ' at ' + o.fill_price.toFixed(2) : ''}`),
      ...d.closed.map((x) => `closed ${x.label} (${x.reason}): ${money(x.net_pnl_usd, true)}`),
    ]));
  li.append(line, detail);
  if (S.open.has(d.seq)) li.classList.add('open');
  li.addEventListener('click', () => {
    li.classList.toggle('open');
    if (li.classList.contains('open')) S.open.add(d.seq); else S.open.delete(d.seq);
  });
  return li;
}

function listBlock(title, items, flags) {
  const div = document.createElement('div');
  const h = document.createElement('h4');
  h.textContent = title;
  const ul = document.createElement('ul');
  if (items.length === 0) items = ['—'];
  items.forEach((text, i) => {
    const li = document.createElement('li');
    li.textContent = text;
    if (flags) li.className = flags[i] ? 'ok' : 'bad';
    ul.appendChild(li);
  });
  div.append(h, ul);
  return div;
}

function renderDecisions() {
  const ol = $('decisions');
  ol.innerHTML = '';
  for (const d of S.decisions) ol.appendChild(decisionItem(d));
}

function addDecision(d) {
  if (S.decisions.length && S.decisions[0].seq >= d.seq) return;
  // events are thinned at high replay speeds: a gap means some decisions were not pushed, so refetch the page
  if (S.decisions.length && d.seq > S.decisions[0].seq + 1 && !S.refetch) {
    S.refetch = setTimeout(async () => {
      S.refetch = null;
      try {
        S.decisions = (await api('GET', '/agent/decisions?limit=100&agent_id=' + S.agentId)).decisions;
        renderDecisions();
      } catch (e) {
        showError('decisions: ' + e.message);
      }
    }, 400);
  }
  S.decisions.unshift(d);
  const ol = $('decisions');
  ol.insertBefore(decisionItem(d), ol.firstChild);
  while (S.decisions.length > 100) {
    S.decisions.pop();
    ol.removeChild(ol.lastChild);
  }
}

// ---------- charts ----------
const GRID = 'rgba(135,147,171,0.12)';
function axis(ms) {
  return {
    type: 'linear', grid: { color: GRID }, ticks: { color: '#8793ab', maxTicksLimit: 6, callback: (v) => day(v) },
  };
}

function makeCharts() {
  if (!window.Chart) return false;
  if (S.charts.equity) return true;
  const common = {
    animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
    plugins: { legend: { labels: { color: '#c7cfdf', boxWidth: 10 } }, tooltip: { callbacks: { title: (items) => stamp(items[0].parsed.x) } } },
    interaction: { mode: 'nearest', intersect: false },
  };
  S.charts.equity = new Chart($('equity-chart'), {
    type: 'line',
    data: { datasets: [{ label: 'equity (USD)', data: [], borderColor: '#4f8cff', backgroundColor: 'rgba(79,140,255,0.12)', fill: true, pointRadius: 0, borderWidth: 1.6 }] },
    options: { ...common, scales: { x: axis(), y: { grid: { color: GRID }, ticks: { color: '#8793ab' } } } },
  });
  S.charts.price = new Chart($('price-chart'), {
    type: 'line',
    data: {
      datasets: [
        { label: 'price', data: [], borderColor: '#c7cfdf', pointRadius: 0, borderWidth: 1.2 },
        { label: 'enter', type: 'scatter', data: [], pointStyle: 'triangle', pointRadius: 6, backgroundColor: '#2fbf71', borderColor: '#2fbf71' },
        { label: 'exit', type: 'scatter', data: [], pointStyle: 'triangle', rotation: 180, pointRadius: 6, backgroundColor: '#f0a431', borderColor: '#f0a431' },
        { label: 'stop / liquidation', type: 'scatter', data: [], pointStyle: 'crossRot', pointRadius: 7, borderWidth: 2, borderColor: '#ef5a5a' },
      ],
    },
    options: { ...common, scales: { x: axis(), y: { grid: { color: GRID }, ticks: { color: '#8793ab' } } } },
  });
  return true;
}

$('base-select').addEventListener('change', (e) => { S.base = e.target.value; drawChart(); });

async function refreshChart() {
  if (!S.agentId) return;
  try {
    S.chart = await api('GET', '/agent/chart?points=600&agent_id=' + S.agentId);
  } catch (e) {
    showError('chart: ' + e.message);
    return;
  }
  const bases = Object.keys(S.chart.prices_usd);
  const sel = $('base-select');
  if (sel.options.length !== bases.length) {
    sel.innerHTML = '';
    for (const b of bases) {
      const o = document.createElement('option');
      o.value = o.textContent = b;
      sel.appendChild(o);
    }
    if (!bases.includes(S.base)) S.base = bases[0];
    sel.value = S.base;
  }
  drawChart();
}

function drawChart() {
  if (!S.chart || !makeCharts()) return;
  const c = S.chart;
  S.charts.equity.data.datasets[0].data = c.times_ms.map((t, i) => ({ x: t, y: c.equity_usd[i] }));
  S.charts.equity.update('none');
  const prices = c.prices_usd[S.base] || [];
  const series = c.times_ms.map((t, i) => ({ x: t, y: prices[i] }));
  const at = (t) => {
    let lo = 0, hi = series.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (series[mid].x < t) lo = mid + 1; else hi = mid; }
    return series.length ? series[lo].y : null;
  };
  const mine = c.trades.filter((t) => t.base === S.base);
  const ds = S.charts.price.data.datasets;
  ds[0].label = S.base + ' price (USD)';
  ds[0].data = series;
  ds[1].data = mine.filter((t) => t.kind === 'ENTER').map((t) => ({ x: t.sim_time_ms, y: at(t.sim_time_ms) }));
  ds[2].data = mine.filter((t) => t.kind === 'EXIT').map((t) => ({ x: t.sim_time_ms, y: at(t.sim_time_ms) }));
  ds[3].data = mine.filter((t) => t.kind !== 'ENTER' && t.kind !== 'EXIT').map((t) => ({ x: t.sim_time_ms, y: at(t.sim_time_ms) }));
  S.charts.price.update('none');
}

// ---------- live events ----------
function setConn(kind, text) {
  const el = $('conn');
  el.className = 'conn ' + kind;
  el.textContent = text;
}

async function connectEvents() {
  if (S.stream) S.stream.abort();
  const ctrl = new AbortController();
  S.stream = ctrl;
  try {
    const res = await fetch('/events', { headers: { Authorization: 'Bearer ' + S.key, Accept: 'text/event-stream' }, signal: ctrl.signal });
    if (!res.ok) throw new Error('event stream answered ' + res.status);
    setConn('on', 'live');
    S.retryMs = 1000;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        handleFrame(buf.slice(0, i));
        buf = buf.slice(i + 2);
      }
    }
  } catch (e) {
    if (ctrl.signal.aborted) return;
  }
  if (ctrl.signal.aborted) return;
  setConn('retry', 'reconnecting…');
  setTimeout(connectEvents, S.retryMs);
  S.retryMs = Math.min(S.retryMs * 2, 15000);
}

function handleFrame(frame) {
  let name = 'message', data = '';
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) continue;
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (!data) return;
  let msg;
  try { msg = JSON.parse(data); } catch (e) { return; }
  switch (name) {
    case 'status':
    case 'stats':
      if (msg.agent_id === S.agentId) setStatus(msg);
      else if (name === 'status' && !S.agents.some((a) => a.agent_id === msg.agent_id)) loadAgents(S.agentId);
      break;
    case 'decision':
      if (msg.agent_id === S.agentId) addDecision(msg.decision);
      break;
    case 'error':
      showError(`Agent #${msg.agent_id} failed: ${msg.message}`);
      break;
    case 'overflow':
      if (S.agentId) selectAgent(S.agentId);
      break;
    default:
      break;
  }
}

// uptime ticks between events while running
setInterval(() => {
  if (S.status && S.status.state === 'RUNNING') {
    S.status.uptime_seconds += 1;
    $('s-uptime').textContent = dur(S.status.uptime_seconds);
  }
}, 1000);

// ---------- start ----------
window.addEventListener('DOMContentLoaded', async () => {
  if (S.key) {
    try {
      await login(S.key);
      return;
    } catch (e) {
      showError(e.message);
    }
  }
  $('login').hidden = false;
  $('key').focus();
});
