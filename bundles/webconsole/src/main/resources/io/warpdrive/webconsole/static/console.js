/*
 * The WarpDrive web console page: polls api/status and api/history, renders the tables and
 * the load charts (wdchart.js), and sends the two changes (policy swap, queue counts) with
 * the credentials typed on the page (inside the Felix Web Console: with the console's login). Everything is built with DOM calls and textContent:
 * nothing from the server is ever parsed as HTML.
 */
(function () {
  'use strict';

  const $ = id => document.getElementById(id);
  // Inside the Felix Web Console the page is part of the console's page (FelixConsolePlugin): its
  // API lies below the plugin's root, JSON is asked for with an extension (the console leaves such
  // answers unwrapped), and the console's own login covers the changes.
  const plugin = document.querySelector('[data-api-base]');
  // (absolute, from the origin: a page opened as http://user:password@host/… would otherwise make
  // URLs with credentials, which fetch refuses)
  const apiBase = plugin ? location.origin + plugin.dataset.apiBase : '';
  const jsonSuffix = plugin ? plugin.dataset.apiSuffix : '';
  let refreshMs = 1000;
  let changesEnabled = false;
  let latest = null;
  let charts = null;
  let timer = null;

  // ---- formatting (the shell's units: KiB/MiB/GiB for sizes, MB/s for rates) ---------------

  function size(bytes) {
    if (bytes < 1024) {
      return bytes + ' B';
    }
    if (bytes < 1024 * 1024) {
      return (bytes / 1024).toFixed(1) + ' KiB';
    }
    if (bytes < 1024 * 1024 * 1024) {
      return (bytes / (1024 * 1024)).toFixed(1) + ' MiB';
    }
    return (bytes / (1024 * 1024 * 1024)).toFixed(2) + ' GiB';
  }

  function rate(bytesPerSecond) {
    return bytesPerSecond > 0 ? (bytesPerSecond / 1e6).toFixed(1) + ' MB/s' : '-';
  }

  function duration(nanos) {
    return nanos < 1e7 ? (nanos / 1e6).toFixed(2) + ' ms' : (nanos / 1e9).toFixed(1) + ' s';
  }

  function megabytes(v) {
    const m = v / 1e6;
    return m === 0 ? '0' : m >= 10 ? m.toFixed(0) : m >= 1 ? m.toFixed(1) : m.toFixed(2);
  }

  function count(v) {
    return Number.isInteger(v) ? String(v) : v.toFixed(1);
  }

  // ---- tables --------------------------------------------------------------------------

  /**
   * Shows `items` in `tbody`, one row per key. Rows are reused across refreshes (buttons in
   * them stay the same elements); a column is { get(item) } for text or { render(td, item) }.
   */
  function renderRows(tbody, items, keyOf, columns, emptyText) {
    const existing = new Map();
    for (const tr of Array.from(tbody.rows)) {
      existing.set(tr.dataset.key, tr);
    }
    if (items.length === 0) {
      tbody.replaceChildren();
      const tr = tbody.insertRow();
      tr.dataset.key = '';
      const td = tr.insertCell();
      td.colSpan = columns.length;
      td.className = 'empty';
      td.textContent = emptyText;
      return;
    }
    existing.delete('');
    let previous = null;
    for (const item of items) {
      const key = String(keyOf(item));
      let tr = existing.get(key);
      if (tr) {
        existing.delete(key);
      } else {
        tr = document.createElement('tr');
        tr.dataset.key = key;
        for (const c of columns) {
          const td = document.createElement('td');
          if (c.num) {
            td.className = 'num';
          }
          tr.appendChild(td);
        }
      }
      columns.forEach((c, i) => {
        const td = tr.cells[i];
        if (c.render) {
          c.render(td, item);
        } else {
          const text = String(c.get(item));
          if (td.textContent !== text) {
            td.textContent = text;
          }
        }
      });
      const next = previous ? previous.nextSibling : tbody.firstChild;
      if (next !== tr) {
        tbody.insertBefore(tr, next);
      }
      previous = tr;
    }
    for (const tr of existing.values()) {
      tr.remove();
    }
    const placeholder = Array.from(tbody.rows).find(r => r.dataset.key === '');
    if (placeholder) {
      placeholder.remove();
    }
  }

  function renderStatus(s) {
    latest = s;
    refreshMs = s.console.refreshMs;
    changesEnabled = s.console.changesEnabled;
    $('version').textContent = s.console.version;
    $('active-policy').textContent = s.activePolicy === null ? 'built-in pick' : s.activePolicy;
    $('changes-disabled').hidden = changesEnabled;
    $('builtin-picks').textContent = s.builtinPicks;
    $('capacity-waits').textContent = s.capacityWaits;
    $('stream-moves').textContent = s.streamContinuity.moves;
    $('kept-input').textContent = size(s.streamContinuity.keptInput);
    $('kept-input-limit').textContent = size(s.streamContinuity.keptInputLimit);
    $('kept-input-refusals').textContent = s.streamContinuity.keptInputRefusals;
    $('since').textContent = new Date(s.since).toLocaleString();

    renderRows($('policies-body'), s.policies, p => p.name, [
      { get: p => p.name },
      { get: p => p.ranking, num: true },
      { render: (td, p) => {
        td.textContent = p.state;
        td.className = 'state-' + p.state;
      } },
      { get: p => p.picks, num: true },
      { get: p => p.faults, num: true },
      { render: (td, p) => {
        let b = td.querySelector('button');
        if (!b) {
          b = document.createElement('button');
          b.type = 'button';
          b.className = 'use-policy';
          td.appendChild(b);
        }
        b.dataset.policy = p.name;
        b.textContent = p.state === 'active' ? 'Active' : 'Use';
        b.disabled = p.state === 'active' || !changesEnabled;
      } },
    ], 'no scheduling policy present: the built-in pick serves every request');
    for (const tr of Array.from($('policies-body').rows)) {
      const p = s.policies.find(x => x.name === tr.dataset.key);
      tr.dataset.state = p ? p.state : '';
    }

    renderRows($('drivers-body'), s.drivers, d => d.name, [
      { get: d => !d.present ? d.name + ' (gone)' : d.unavailable ? d.name + ' (unavailable: ' + d.unavailable + ')' : d.name },
      { get: d => d.type === null ? '-' : d.type },
      { get: d => d.priority === null ? '-' : d.priority, num: true },
      { get: d => d.devices, num: true },
      { get: d => d.queues, num: true },
      { get: d => d.requests, num: true },
      { get: d => d.failed, num: true },
      { get: d => size(d.bytesIn), num: true },
      { get: d => size(d.bytesOut), num: true },
      { get: d => d.inFlight, num: true },
      { get: d => rate(d.throughput), num: true },
      { get: d => d.faults, num: true },
    ], 'no driver present');

    renderRows($('devices-body'), s.devices, d => d.driver + '/' + d.name, [
      { get: d => d.name },
      { get: d => d.driver },
      { render: (td, d) => {
        td.textContent = d.health;
        td.className = d.health === 'ONLINE' ? '' : 'health-bad';
      } },
      { get: d => d.freeInstances + '/' + d.instances, num: true },
      { get: d => d.numaNode, num: true },
      { get: d => d.algorithms.join(', ') },
      { get: d => d.queues, num: true },
      { get: d => d.wrongOutputs, num: true },
      { get: d => ['shared', 'sync', 'async'].map(m => d.queueCounts[m] === null ? '?' : d.queueCounts[m]).join('/'),
        num: true },
      { get: d => Object.entries(d.attributes).map(([k, v]) => k + '=' + v).join(' ') || '-' },
    ], 'no device present');

    renderRows($('queues-body'), s.queues, q => q.id, [
      { get: q => '#' + q.id + (q.reserved ? ' (reserved)' : '') },
      { get: q => q.driver },
      { get: q => q.device },
      { get: q => q.direction },
      { get: q => q.mode },
      { get: q => q.inFlight + '/' + q.depth, num: true },
      { get: q => rate(q.throughput), num: true },
      { get: q => q.available ? 'yes' : 'no' },
      { get: q => q.requests, num: true },
      { get: q => q.failed, num: true },
    ], 'no queue open');

    renderRows($('consumers-body'), s.consumers, c => c.name + ' ' + c.version, [
      { get: c => c.name },
      { get: c => c.version },
      { get: c => c.requests, num: true },
      { get: c => size(c.bytesIn), num: true },
      { get: c => size(c.bytesOut), num: true },
      { get: c => Math.round(c.hardwareShare * 100) + '%', num: true },
      { get: c => c.errors, num: true },
      { get: c => duration(c.queuedNs), num: true },
      { get: c => duration(c.serviceNs), num: true },
      { get: c => duration(c.cpuNs), num: true },
      { get: c => c.reservedQueues, num: true },
    ], 'no consumer has used the platform');

    renderModels(s);
    renderQueueForm(s);
  }

  // ---- performance models ----------------------------------------------------------------

  function renderModels(s) {
    const models = s.models || [];
    const rows = [];
    for (const m of models) {
      for (const e of m.estimates) {
        rows.push(Object.assign({ engine: m.driver + '/' + m.device }, e));
      }
    }
    renderRows($('models-body'), rows, r => r.engine + ' ' + r.kind + ' ' + r.bytes, [
      { get: r => r.engine },
      { get: r => r.kind },
      { get: r => r.size, num: true },
      { get: r => r.predictedUs < 0 ? 'learning' : r.predictedUs.toFixed(1), num: true },
      { get: r => r.mbPerSecond < 0 ? '-' : r.mbPerSecond.toFixed(0), num: true },
      { get: r => r.samples, num: true },
      { get: r => r.confidence.toFixed(2), num: true },
    ], 'no engine has served a request yet');
    renderRows($('calibrations-body'), models, m => m.driver + '/' + m.device, [
      { get: m => m.driver + '/' + m.device },
      { get: m => m.lastCalibration === null ? 'none (learning from its traffic)' : new Date(m.lastCalibration).toISOString() },
      { get: m => m.refused === null ? 'yes' : 'none: ' + m.refused },
    ], 'no engine has served a request yet');
    const list = $('crossovers');
    const crossovers = s.crossovers || [];
    const texts = crossovers.length ? crossovers : ['none yet (fewer than two engines know a kind of request)'];
    while (list.children.length > texts.length) {
      list.removeChild(list.lastChild);
    }
    texts.forEach((text, i) => {
      let li = list.children[i];
      if (!li) {
        li = document.createElement('li');
        list.appendChild(li);
      }
      li.textContent = text;
    });
  }

  // ---- queue count form ----------------------------------------------------------------

  /** Replaces a select's options when they differ, keeping the chosen value if it is still there. */
  function setOptions(select, options) {
    const wanted = options.map(o => o.value + '\u0000' + o.label).join('\u0001');
    if (select.dataset.options === wanted) {
      return false;
    }
    const value = select.value;
    select.replaceChildren(...options.map(o => new Option(o.label, o.value)));
    if (options.some(o => o.value === value)) {
      select.value = value;
    }
    select.dataset.options = wanted;
    return true;
  }

  function renderQueueForm(s) {
    const present = s.drivers.filter(d => d.present);
    const driversChanged = setOptions($('queue-driver'), present.map(d => ({ value: d.name, label: d.name })));
    const devicesChanged = renderDeviceOptions(s);
    if (driversChanged || devicesChanged) {
      prefillCount();
    }
    for (const e of $('queue-form').elements) {
      e.disabled = !changesEnabled;
    }
  }

  function renderDeviceOptions(s) {
    const driver = $('queue-driver').value;
    const devices = s.devices.filter(d => d.driver === driver);
    return setOptions($('queue-device'), [{ value: '', label: 'every device' }]
      .concat(devices.map(d => ({ value: d.name, label: d.name }))));
  }

  /** The configured count for the chosen driver, device (the first one for "every") and mode. */
  function prefillCount() {
    if (!latest) {
      return;
    }
    const driver = $('queue-driver').value;
    const device = $('queue-device').value;
    const mode = $('queue-mode').value;
    const d = latest.devices.find(x => x.driver === driver && (device === '' || x.name === device));
    if (d && d.queueCounts[mode] !== null) {
      $('queue-count').value = d.queueCounts[mode];
    }
  }

  // ---- changes -------------------------------------------------------------------------

  function showMessage(kind, text) {
    const m = $('message');
    m.dataset.kind = kind;
    m.textContent = text;
    m.hidden = false;
  }

  function basicAuth(user, password) {
    const bytes = new TextEncoder().encode(user + ':' + password);
    let binary = '';
    for (const b of bytes) {
      binary += String.fromCharCode(b);
    }
    return 'Basic ' + btoa(binary);
  }

  /** POSTs a change; shows the platform's answer (or its WdException status and detail). */
  async function change(path, fields) {
    const body = new URLSearchParams(fields);
    let answer;
    try {
      const headers = { 'X-WarpDrive-Console': '1' };
      if (!plugin) {
        headers['Authorization'] = basicAuth($('user').value, $('password').value);
      }
      const response = await fetch(apiBase + path, {
        method: 'POST',
        headers,
        body,
        cache: 'no-store',
      });
      answer = await response.json();
    } catch (e) {
      showMessage('error', 'the console did not answer: ' + e.message);
      return;
    }
    if (answer.ok) {
      showMessage('ok', answer.message);
    } else {
      showMessage('error', answer.status + ' (' + answer.code + '): ' + answer.detail);
    }
    refreshNow();
  }

  function onPolicyClick(event) {
    const button = event.target.closest('button.use-policy');
    if (button && !button.disabled) {
      change('api/policy', { name: button.dataset.policy });
    }
  }

  function onQueueSubmit(event) {
    event.preventDefault();
    change('api/queues', {
      driver: $('queue-driver').value,
      device: $('queue-device').value,
      mode: $('queue-mode').value,
      count: $('queue-count').value,
    });
  }

  // ---- polling -------------------------------------------------------------------------

  async function getJson(path) {
    const response = await fetch(apiBase + path + jsonSuffix, { cache: 'no-store' });
    if (!response.ok) {
      throw new Error(path + ': HTTP ' + response.status);
    }
    return response.json();
  }

  function renderHistory(h) {
    const windowMs = h.interval * h.capacity;
    charts.throughput.setWindow(windowMs);
    charts.inFlight.setWindow(windowMs);
    charts.throughput.update({ t: h.t, series: h.drivers.map(d => ({ name: d.name, values: d.throughput })) });
    charts.inFlight.update({ t: h.t, series: h.drivers.map(d => ({ name: d.name, values: d.inFlight })) });
  }

  function setConnection(state, text) {
    const c = $('connection');
    c.dataset.state = state;
    c.textContent = text;
  }

  async function poll() {
    timer = null;
    try {
      const [status, history] = await Promise.all([getJson('api/status'), getJson('api/history')]);
      renderStatus(status);
      renderHistory(history);
      setConnection('live', 'live · ' + new Date(status.time).toLocaleTimeString());
    } catch (e) {
      setConnection('lost', 'no answer: ' + e.message);
    }
    if (timer === null) {
      timer = setTimeout(poll, refreshMs);
    }
  }

  function refreshNow() {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
      poll();
    }
  }

  function start() {
    charts = {
      throughput: new WdChart.LineChart($('chart-throughput'), { label: 'throughput per driver', format: megabytes,
        minTop: 1e6 }),
      inFlight: new WdChart.LineChart($('chart-inflight'), { label: 'jobs in flight per driver', format: count }),
    };
    $('policies-body').addEventListener('click', onPolicyClick);
    $('queue-form').addEventListener('submit', onQueueSubmit);
    $('credentials').addEventListener('submit', event => event.preventDefault()); // kept on the page, never sent alone
    $('credentials').hidden = plugin !== null;
    $('queue-driver').addEventListener('change', () => {
      if (latest) {
        renderDeviceOptions(latest);
      }
      prefillCount();
    });
    $('queue-device').addEventListener('change', prefillCount);
    $('queue-mode').addEventListener('change', prefillCount);
    poll();
  }

  document.addEventListener('DOMContentLoaded', start);
})();
