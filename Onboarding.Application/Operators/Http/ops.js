(() => {
  'use strict';

  const STAGES = [
    'awaitingPhoneCode', 'awaitingEmailConfirmation', 'awaitingProfile', 'registered',
    'awaitingDepositAmounts', 'verified', 'expired', 'locked', 'cancelled',
  ];
  const STAGE_LABELS = {
    awaitingPhoneCode: 'Awaiting phone code',
    awaitingEmailConfirmation: 'Awaiting e-mail confirmation',
    awaitingProfile: 'Awaiting profile',
    registered: 'Registered',
    awaitingDepositAmounts: 'Awaiting deposit amounts',
    verified: 'Verified',
    expired: 'Expired',
    locked: 'Locked',
    cancelled: 'Cancelled',
  };
  const STAGE_COLORS = {
    awaitingPhoneCode: '#5b8def', awaitingEmailConfirmation: '#4a7fe0', awaitingProfile: '#3b70d0',
    registered: '#2f62bf', awaitingDepositAmounts: '#2554ad', verified: '#1a7f37',
    expired: '#8a94a1', locked: '#c27c0e', cancelled: '#b42318',
  };
  // The page says whether the platform signed the operator in (then calls need no key).
  const SIGNED_IN = document.querySelector('meta[name="operator-signed-in"]').content === 'true';
  const KEY_STORAGE = 'onboarding.operatorKey';
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // The API sits beside this page: /ops -> /api/ops/..., /prefix/ops -> /prefix/api/ops/...
  const BASE = location.pathname.replace(/ops\/?$/, '');

  const $ = (id) => document.getElementById(id);
  const state = {
    pages: [null],       // continuation token of each page visited (null = first page)
    pageIndex: 0,
    nextToken: null,
    query: { stage: '', createdFrom: null, createdTo: null, pageSize: 25 },
    selected: null,      // the OperatorJourney in the detail view
    funnel: null,        // the last funnel drawn, to draw again when the window is resized
    funnelWidth: 0,
    pending: 0,
    signedIn: false,     // the platform signed the operator in: calls need no key
  };

  // ---------- small DOM helpers (text only: never innerHTML with data) ----------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else if (name === 'className') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function none(text) { return el('span', { className: 'none', text: text || '—' }); }

  function valueNode(value) {
    if (value === null || value === undefined || value === '') return none();
    return document.createTextNode(String(value));
  }

  function pad(n) { return String(n).padStart(2, '0'); }

  /** A timestamp in local time ("2026-11-25 18:00:02"), with the UTC ISO form as its title. */
  function timeNode(value) {
    if (!value) return none();
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return document.createTextNode(String(value));
    const text = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
    return el('time', { datetime: date.toISOString(), title: date.toISOString(), text });
  }

  /** A pending erasure request of a verified journey: it waits for the end of the KYC record's retention. */
  function erasureBadge(request) {
    return request
      ? el('span', { className: 'stage', 'data-testid': 'erasure-requested', title: `Erasure requested; the KYC record is kept until ${request.retainedUntil}`, text: 'erasure requested' })
      : null;
  }

  function stageNode(stage) {
    return el('span', { className: 'stage', 'data-stage': stage, title: STAGE_LABELS[stage] || stage, text: stage || '—' });
  }

  /** A datetime-local input's value (local time) as ISO 8601 UTC, or null when empty. */
  function isoFromInput(input, name) {
    const value = input.value.trim();
    if (!value) return null;
    const date = new Date(value); // a date-time without an offset is local time
    if (Number.isNaN(date.getTime())) throw new Error(`${name} is not a valid date and time.`);
    return date.toISOString().replace(/\.000Z$/, 'Z');
  }

  function timeZoneNote() {
    const minutes = -new Date().getTimezoneOffset();
    const sign = minutes >= 0 ? '+' : '-';
    const abs = Math.abs(minutes);
    return `times in your time zone (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}); hover a time for UTC`;
  }

  // ---------- messages ----------

  function showMessage(kind, title, lines) {
    const box = $('message');
    const body = $('message-body');
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    box.dataset.kind = kind;
    const content = [el('strong', { text: title })];
    if (lines && lines.length) content.push(el('ul', null, ...lines.map((line) => el('li', { text: line }))));
    body.replaceChildren(...content);
    box.hidden = false;
    if (kind === 'error') box.scrollIntoView({ block: 'nearest' });
  }

  function clearMessage() {
    $('message').hidden = true;
    $('message').dataset.kind = '';
    $('message-body').replaceChildren();
  }

  function showError(error) {
    if (error && error.problem !== undefined) {
      showMessage('error', error.message, error.lines);
    } else {
      showMessage('error', 'Something went wrong in the page.', [String(error && error.message || error)]);
    }
  }

  // ---------- the operator key (session storage only) ----------

  function getKey() {
    try { return sessionStorage.getItem(KEY_STORAGE); } catch { return null; }
  }

  function setKey(key) {
    try { sessionStorage.setItem(KEY_STORAGE, key); } catch { /* storage blocked: the call will answer 401 */ }
  }

  function forgetKey() {
    try { sessionStorage.removeItem(KEY_STORAGE); } catch { /* nothing kept */ }
  }

  function showKeyPrompt(reason) {
    $('app').hidden = true;
    $('key-section').hidden = false;
    $('forget-key').hidden = true;
    $('key-status').textContent = 'No operator key';
    $('key-input').value = '';
    if (reason) showMessage('error', reason);
    $('key-input').focus();
  }

  function showApp() {
    $('key-section').hidden = true;
    $('app').hidden = false;
    $('forget-key').hidden = false;
    $('key-status').textContent = 'Operator key set for this tab';
  }

  /** Signed in by the platform: no key needed (the page says so), the journeys at once. */
  function showSignedIn() {
    state.signedIn = true;
    showApp();
    $('forget-key').hidden = true;
    $('key-status').textContent = 'Signed in';
    loadAll();
  }

  function clearData() {
    $('journeys-body').replaceChildren();
    $('page-info').textContent = '';
    closeDetail();
    $('funnel-chart').replaceChildren();
    state.funnel = null;
    $('funnel-total').textContent = '';
    $('funnel-range').textContent = '';
  }

  // ---------- HTTP ----------

  class ApiError extends Error {
    constructor(status, problem, message, lines) {
      super(message);
      this.status = status;
      this.problem = problem;
      this.lines = lines || [];
    }
  }

  function setPending(delta) {
    state.pending += delta;
    document.documentElement.dataset.pending = String(state.pending);
  }

  function problemOf(status, statusText, data) {
    const lines = [];
    let title = `The server answered ${status}${statusText ? ' ' + statusText : ''}.`;
    if (data && typeof data === 'object') {
      if (typeof data.title === 'string' && data.title) title = data.title;
      if (typeof data.detail === 'string' && data.detail) lines.push(data.detail);
      if (data.errors && typeof data.errors === 'object') {
        for (const [field, messages] of Object.entries(data.errors)) {
          for (const message of [].concat(messages)) lines.push(`${field}: ${message}`);
        }
      }
      if (typeof data.code === 'string' && data.code) lines.push(`(${status} ${data.code})`);
    }
    return { title, lines };
  }

  /** Calls an /api/ops route with the key; resolves { status, body }, rejects with ApiError. */
  async function api(method, path, body) {
    const key = getKey();
    if (!key && !state.signedIn) {
      showKeyPrompt('Enter the operator key first.');
      throw new ApiError(401, null, 'Enter the operator key first.');
    }
    // Signed in (App Service Authentication on Azure): the session cookie authorises, no key is sent.
    const headers = key ? { 'x-functions-key': key } : {};
    headers['Accept'] = 'application/json, application/problem+json';
    const init = { method, headers, cache: 'no-store', credentials: 'same-origin', redirect: 'error' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    setPending(1);
    try {
      let response;
      try {
        response = await fetch(BASE + path, init);
      } catch (failure) {
        throw new ApiError(0, null, 'The server did not answer.', [String(failure && failure.message || failure)]);
      }
      if (response.status === 204) return { status: 204, body: null };
      const text = await response.text();
      let data = null;
      if (text) {
        try { data = JSON.parse(text); } catch { data = null; }
      }
      if (!response.ok) {
        const { title, lines } = problemOf(response.status, response.statusText, data);
        if (response.status === 401) {
          state.signedIn = false;
          forgetKey();
          clearData();
          showKeyPrompt();
          throw new ApiError(401, data, 'The operator key was not accepted: enter it again.', lines);
        }
        throw new ApiError(response.status, data, title, lines);
      }
      return { status: response.status, body: data };
    } finally {
      setPending(-1);
    }
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
    }
    const text = search.toString();
    return text ? '?' + text : '';
  }

  // ---------- journeys list ----------

  /** A range's two ends; an end before its start is a mistake to say, marked on both inputs. */
  function readRange(fromInput, toInput, fromName, toName) {
    const from = isoFromInput(fromInput, fromName);
    const to = isoFromInput(toInput, toName);
    const reversed = from !== null && to !== null && from > to;
    for (const input of [fromInput, toInput]) {
      if (reversed) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    if (reversed) throw new Error(`${toName} is before ${fromName}: swap them, or pick another range.`);
    return { from, to };
  }

  function readFilters() {
    const size = Number($('filter-page-size').value || 25);
    if (!Number.isInteger(size) || size < 1 || size > 100) throw new Error('Page size must be a whole number from 1 to 100.');
    const { from, to } = readRange($('filter-from'), $('filter-to'), 'Created from', 'Created to');
    return { stage: $('filter-stage').value, createdFrom: from, createdTo: to, pageSize: size };
  }

  /**
   * A journey id as an operator has it: pasted whole (in any case, with spaces or quotes around it),
   * or as the list shows it (its first characters and "…"). Null when it cannot be one.
   */
  function journeyIdFrom(text) {
    const id = String(text).toLowerCase().replace(/[\s"'`…]|\.\.\./g, '');
    return /^[0-9a-f]{6,32}$/.test(id) ? id : null;
  }

  /** The id to open: a whole id as it is, a shown one (its start) when exactly one journey on this page has it. */
  function resolveJourneyId(text) {
    const id = journeyIdFrom(text);
    if (id === null) throw new Error('A journey id is 32 characters 0-9 and a-f: paste it whole, or as the list shows it.');
    if (id.length === 32) return id;
    const matches = [...$('journeys-body').querySelectorAll('tr[data-journey-id]')]
      .map((row) => row.dataset.journeyId).filter((full) => full.startsWith(id));
    if (matches.length === 1) return matches[0];
    throw new Error(matches.length === 0
      ? `No journey on this page starts with ${id}: paste the whole id (the list shows it when you hover an id).`
      : `${matches.length} journeys on this page start with ${id}: type more of the id.`);
  }

  async function loadJourneys() {
    const section = $('journeys');
    section.dataset.state = 'loading';
    const token = state.pages[state.pageIndex];
    try {
      const { body } = await api('GET', 'api/ops/journeys' + query({ ...state.query, continuationToken: token }));
      const items = Array.isArray(body && body.items) ? body.items : [];
      state.nextToken = body && body.continuationToken ? body.continuationToken : null;
      renderJourneys(items);
      section.dataset.state = 'ready';
    } catch (error) {
      section.dataset.state = 'error';
      showError(error);
    }
    updatePager();
  }

  function renderJourneys(items) {
    const body = $('journeys-body');
    if (items.length === 0) {
      body.replaceChildren(el('tr', { 'data-testid': 'journeys-empty' },
        el('td', { colspan: 9, className: 'none', text: 'No journeys match these filters.' })));
      $('page-info').textContent = `Page ${state.pageIndex + 1}: no journeys`;
      return;
    }
    body.replaceChildren(...items.map(rowFor));
    $('page-info').textContent = `Page ${state.pageIndex + 1}: ${items.length} journey${items.length === 1 ? '' : 's'}${state.nextToken ? ', more on the next page' : ''}`;
    markSelectedRow();
  }

  function rowFor(journey) {
    const id = String(journey.journeyId || '');
    const open = el('button', {
      type: 'button', className: 'link', 'data-testid': 'journey-open', title: id,
      'aria-label': `Open journey ${id}`, text: id.length > 14 ? id.slice(0, 12) + '…' : id,
    });
    const row = el('tr', { 'data-testid': 'journey-row', 'data-journey-id': id, 'data-stage': journey.stage },
      el('td', null, timeNode(journey.createdAt)),
      el('td', null, open),
      el('td', { 'data-field': 'stage' }, stageNode(journey.stage), erasureBadge(journey.erasureRequest)),
      el('td', { 'data-field': 'region' }, valueNode(journey.region)),
      el('td', { 'data-field': 'language' }, valueNode(journey.language)),
      el('td', { 'data-field': 'email', className: 'mono' }, valueNode(journey.email)),
      el('td', { 'data-field': 'phoneNumber', className: 'mono' }, valueNode(journey.phoneNumber)),
      el('td', { 'data-field': 'runtimeStatus' }, valueNode(journey.runtimeStatus)),
      el('td', null, timeNode(journey.updatedAt)));
    row.addEventListener('click', (event) => {
      if (event.target.closest('button') !== open && window.getSelection().toString()) return; // selecting text
      openDetail(id);
    });
    return row;
  }

  function markSelectedRow() {
    const selectedId = state.selected ? state.selected.journeyId : null;
    for (const row of $('journeys-body').querySelectorAll('tr[data-journey-id]')) {
      if (row.dataset.journeyId === selectedId) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  }

  function updatePager() {
    $('page-first').disabled = state.pageIndex === 0;
    $('page-prev').disabled = state.pageIndex === 0;
    $('page-next').disabled = !state.nextToken;
  }

  function applyFilters() {
    try {
      state.query = readFilters();
    } catch (error) {
      showMessage('error', error.message);
      return Promise.resolve();
    }
    state.pages = [null];
    state.pageIndex = 0;
    state.nextToken = null;
    return loadJourneys();
  }

  // ---------- journey detail ----------

  async function openDetail(journeyId) {
    const section = $('detail');
    section.dataset.state = 'loading';
    hidePanels();
    try {
      const { body } = await api('GET', 'api/ops/journeys/' + encodeURIComponent(journeyId));
      renderDetail(body);
      await loadPublished(journeyId);
      section.dataset.state = 'ready';
      $('detail-heading').focus({ preventScroll: true });
      section.scrollIntoView({ block: 'start' });
    } catch (error) {
      section.dataset.state = 'error';
      if (error.status === 404) closeDetail();
      showError(error);
    }
  }

  function field(label, name, node) {
    return el('div', { 'data-field': name }, el('dt', { text: label }), el('dd', { 'data-testid': 'detail-' + name }, node));
  }

  function renderDetail(journey) {
    state.selected = journey;
    const section = $('detail');
    section.hidden = false;
    section.dataset.journeyId = journey.journeyId;
    section.dataset.stage = journey.stage;
    $('detail-id').textContent = journey.journeyId;

    const verification = journey.verification;
    const lastError = journey.lastError || {};
    const fields = [
      field('Stage', 'stage', stageNode(journey.stage)),
      field('Runtime status', 'runtimeStatus', valueNode(journey.runtimeStatus)),
      field('Erasure request', 'erasureRequest', journey.erasureRequest
        ? el('span', null, 'asked ', timeNode(journey.erasureRequest.requestedAt), '; the KYC record is kept until ', timeNode(journey.erasureRequest.retainedUntil))
        : valueNode(null)),
      field('Region', 'region', valueNode(journey.region)),
      field('Language', 'language', valueNode(journey.language)),
      field('E-mail', 'email', valueNode(journey.email)),
      field('Phone', 'phoneNumber', valueNode(journey.phoneNumber)),
      field('Deadline', 'deadline', timeNode(journey.deadline)),
      field('Attempts remaining', 'attemptsRemaining', valueNode(journey.attemptsRemaining)),
      field('Resends remaining', 'resendsRemaining', valueNode(journey.resendsRemaining)),
      field('Created', 'createdAt', timeNode(journey.createdAt)),
      field('Updated', 'updatedAt', timeNode(journey.updatedAt)),
      field('Verification', 'verification', verification
        ? document.createTextNode(`cycle ${verification.cycle}, ${verification.cyclesRemaining} left; ${verification.depositCount} deposits; last outcome ${verification.lastOutcome ?? 'none'}; account ${verification.bankAccount ?? 'none'}`)
        : none('not started')),
      field('Last error', 'lastError', lastError.code
        ? document.createTextNode(`${lastError.code}${lastError.message ? ': ' + lastError.message : ''}`)
        : none('none')),
    ];
    $('detail-fields').replaceChildren(...fields);

    const events = Array.isArray(journey.events) ? journey.events : [];
    $('events-body').replaceChildren(...(events.length
      ? events.map((event) => el('tr', { 'data-testid': 'event-row', 'data-type': event.type },
        el('td', null, timeNode(event.at)),
        el('td', { className: 'mono', text: event.type }),
        el('td', { text: event.detail })))
      : [el('tr', null, el('td', { colspan: 3, className: 'none', text: 'No audit entries.' }))]));

    $('action-terminate').disabled = !journey.actions.terminate;
    $('action-terminate').title = journey.actions.terminate ? '' : `A ${journey.stage} journey cannot be terminated.`;
    $('action-unlock').hidden = !journey.actions.unlock;
    $('action-unlock').disabled = !journey.actions.unlock;
    $('erase-expected').textContent = String(journey.journeyId).slice(0, 6);
    markSelectedRow();
  }

  /** The journey's published events (the replay route), in sequence order; a failure shows in the table only. */
  async function loadPublished(journeyId) {
    const cell = (text) => [el('tr', null, el('td', { colspan: 4, className: 'none', text }))];
    let page;
    try {
      ({ body: page } = await api('GET', 'api/ops/journeys/' + encodeURIComponent(journeyId) + '/events'));
    } catch (error) {
      $('published-body').replaceChildren(...cell('The events could not be read: ' + (error.message || 'error') + '.'));
      return;
    }
    const events = Array.isArray(page.events) ? page.events : [];
    const rows = events.map((event) => el('tr', { 'data-testid': 'published-row', 'data-type': event.type },
      el('td', { className: 'mono', text: String(Number(event.sequence)) }),
      el('td', { className: 'mono', text: String(event.type).replace(/^onboarding\.journey\./, '') }),
      el('td', null, timeNode(event.time)),
      el('td', { className: 'mono wrap', text: event.id })));
    if (events.length && page.lastSequence > Number(events[events.length - 1].sequence)) {
      rows.push(...cell(`The first ${events.length} of ${page.lastSequence}; the route gives the rest with ?from=.`));
    }
    $('published-body').replaceChildren(...(rows.length ? rows : cell('No events yet.')));
  }

  function closeDetail() {
    state.selected = null;
    hidePanels();
    const section = $('detail');
    section.hidden = true;
    section.dataset.state = 'idle';
    delete section.dataset.journeyId;
    delete section.dataset.stage;
    $('detail-fields').replaceChildren();
    $('events-body').replaceChildren();
    $('published-body').replaceChildren();
    markSelectedRow();
  }

  function hidePanels() {
    for (const id of ['terminate-panel', 'unlock-panel', 'erase-panel']) $(id).hidden = true;
  }

  function openPanel(id, focusId) {
    hidePanels();
    $(id).hidden = false;
    $(focusId).focus();
  }

  function actionDone(result, doneText) {
    renderDetail(result.body);
    if (result.status === 202) {
      showMessage('info', 'Handed to the journey but not applied yet.', ['Refresh the journey in a moment.']);
    } else {
      showMessage('success', doneText);
    }
    return Promise.all([loadJourneys(), loadFunnel()]);
  }

  async function terminate() {
    const journey = state.selected;
    const reason = $('terminate-reason').value.trim();
    if (!journey || !reason) return;
    $('terminate-confirm').disabled = true;
    try {
      const result = await api('POST', `api/ops/journeys/${encodeURIComponent(journey.journeyId)}/terminate`, { reason });
      hidePanels();
      await actionDone(result, 'The journey was terminated.');
    } catch (error) {
      showError(error);
    } finally {
      $('terminate-confirm').disabled = !$('terminate-reason').value.trim();
    }
  }

  async function unlock() {
    const journey = state.selected;
    if (!journey) return;
    $('unlock-confirm').disabled = true;
    try {
      const result = await api('POST', `api/ops/journeys/${encodeURIComponent(journey.journeyId)}/unlock`);
      hidePanels();
      await actionDone(result, 'The journey was unlocked: one more verification cycle.');
    } catch (error) {
      showError(error);
    } finally {
      $('unlock-confirm').disabled = false;
    }
  }

  /** The operator typed this journey's id: whole, as shown, or at least its first 6 characters. */
  function eraseConfirmed(journey) {
    const typed = journeyIdFrom($('erase-confirm-input').value);
    return typed !== null && String(journey.journeyId).startsWith(typed);
  }

  async function erase() {
    const journey = state.selected;
    if (!journey || !eraseConfirmed(journey)) return;
    $('erase-confirm').disabled = true;
    try {
      await api('DELETE', 'api/ops/journeys/' + encodeURIComponent(journey.journeyId));
      closeDetail();
      showMessage('success', `Journey ${journey.journeyId} was erased.`);
      await Promise.all([loadJourneys(), loadFunnel()]);
    } catch (error) {
      showError(error);
    } finally {
      $('erase-confirm').disabled = true;
    }
  }

  // ---------- funnel ----------

  async function loadFunnel() {
    const section = $('funnel');
    let from, to;
    try {
      ({ from, to } = readRange($('funnel-from'), $('funnel-to'), 'From', 'To'));
    } catch (error) {
      showMessage('error', error.message);
      return;
    }
    section.dataset.state = 'loading';
    try {
      const { body } = await api('GET', 'api/ops/funnel' + query({ from, to }));
      renderFunnel(body || {});
      section.dataset.state = 'ready';
    } catch (error) {
      section.dataset.state = 'error';
      showError(error);
    }
  }

  /**
   * Draws the funnel as horizontal bars in an SVG as wide as its box (so the text stays readable):
   * the stage name left of its bar on wide screens, above it on narrow ones; the count after the bar.
   */
  function renderFunnel(funnel) {
    state.funnel = funnel;
    const counts = funnel.stages && typeof funnel.stages === 'object' ? funnel.stages : {};
    const order = STAGES.concat(Object.keys(counts).filter((stage) => !STAGES.includes(stage)));
    const values = order.map((stage) => Number(counts[stage]) || 0);
    const total = Number.isFinite(Number(funnel.total)) ? Number(funnel.total) : values.reduce((a, b) => a + b, 0);
    const max = Math.max(1, ...values);

    const box = $('funnel-chart');
    const width = Math.round(Math.min(900, Math.max(280, box.clientWidth || 760)));
    const stacked = width < 560;
    const labelWidth = stacked ? 0 : 220, countWidth = 48, top = 4;
    const rowHeight = stacked ? 46 : 30, barHeight = stacked ? 18 : 22;
    const barX = stacked ? 0 : labelWidth;
    const barSpace = width - barX - countWidth;
    const height = top * 2 + order.length * rowHeight;
    state.funnelWidth = width;
    const chart = svg('svg', {
      id: 'funnel-svg', 'data-testid': 'funnel-svg', viewBox: `0 0 ${width} ${height}`, width, height,
      role: 'img', 'aria-labelledby': 'funnel-svg-title', 'data-layout': stacked ? 'stacked' : 'side-by-side',
    });
    chart.append(svg('title', { id: 'funnel-svg-title' },
      'Journeys by stage: ' + order.map((stage, i) => `${stage} ${values[i]}`).join(', ')));

    order.forEach((stage, i) => {
      const y = top + i * rowHeight;
      const barY = stacked ? y + 22 : y + (rowHeight - barHeight) / 2;
      const count = values[i];
      const barWidth = count > 0 ? Math.max(3, Math.round((count / max) * barSpace)) : 0;
      const group = svg('g', { 'data-testid': 'funnel-bar', 'data-stage': stage, 'data-count': count });
      group.append(
        stacked
          ? svg('text', { class: 'label', x: 0, y: y + 10, 'dominant-baseline': 'central' }, STAGE_LABELS[stage] || stage)
          : svg('text', { class: 'label', x: labelWidth - 10, y: barY + barHeight / 2, 'text-anchor': 'end', 'dominant-baseline': 'central' }, STAGE_LABELS[stage] || stage),
        svg('rect', { class: 'track', x: barX, y: barY, width: barSpace, height: barHeight, rx: 3 }),
        svg('rect', { class: 'bar', 'data-testid': 'funnel-rect-' + stage, x: barX, y: barY, width: barWidth, height: barHeight, rx: 3, fill: STAGE_COLORS[stage] || '#5b6470' }),
        svg('text', { class: 'count', 'data-testid': 'funnel-count-' + stage, x: barX + barWidth + 8, y: barY + barHeight / 2, 'dominant-baseline': 'central' }, count));
      chart.append(group);
    });

    $('funnel-chart').replaceChildren(chart);
    $('funnel-total').textContent = `Total: ${total} journey${total === 1 ? '' : 's'}`;
    const from = funnel.from ? new Date(funnel.from).toISOString() : null;
    const to = funnel.to ? new Date(funnel.to).toISOString() : null;
    $('funnel-range').textContent = from || to
      ? `created ${from ? 'from ' + from : ''}${from && to ? ' ' : ''}${to ? 'to ' + to : ''} (UTC)`
      : 'created at any time';
  }

  // ---------- wiring ----------

  function loadAll() {
    return Promise.all([applyFilters(), loadFunnel()]);
  }

  async function init() {
    const select = $('filter-stage');
    for (const stage of STAGES) select.append(el('option', { value: stage, text: `${STAGE_LABELS[stage]} (${stage})` }));
    $('tz-note').textContent = timeZoneNote();

    $('message-close').addEventListener('click', clearMessage);

    $('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const key = $('key-input').value.trim();
      if (!key) {
        showMessage('error', 'Enter the operator key.');
        $('key-input').focus();
        return;
      }
      setKey(key);
      $('key-input').value = '';
      clearMessage();
      showApp();
      loadAll();
    });

    $('forget-key').addEventListener('click', () => {
      forgetKey();
      clearData();
      showKeyPrompt();
      showMessage('info', 'The operator key was removed from this tab.');
    });

    $('filters').addEventListener('submit', (event) => { event.preventDefault(); applyFilters(); });
    $('filter-reset').addEventListener('click', () => {
      $('filter-stage').value = '';
      $('filter-from').value = '';
      $('filter-to').value = '';
      $('filter-page-size').value = '25';
      applyFilters();
    });
    $('journeys-refresh').addEventListener('click', () => loadJourneys());
    $('page-first').addEventListener('click', () => { state.pageIndex = 0; loadJourneys(); });
    $('page-prev').addEventListener('click', () => { if (state.pageIndex > 0) { state.pageIndex--; loadJourneys(); } });
    $('page-next').addEventListener('click', () => {
      if (!state.nextToken) return;
      state.pages = state.pages.slice(0, state.pageIndex + 1);
      state.pages.push(state.nextToken);
      state.pageIndex++;
      loadJourneys();
    });
    const openById = () => {
      if (!$('open-id').value.trim()) return;
      try {
        openDetail(resolveJourneyId($('open-id').value));
      } catch (error) {
        showMessage('error', error.message);
      }
    };
    $('open-id-button').addEventListener('click', openById);
    $('open-id').addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); openById(); } });

    $('detail-refresh').addEventListener('click', () => { if (state.selected) openDetail(state.selected.journeyId); });
    $('detail-close').addEventListener('click', closeDetail);
    $('action-terminate').addEventListener('click', () => {
      $('terminate-reason').value = '';
      $('terminate-confirm').disabled = true;
      openPanel('terminate-panel', 'terminate-reason');
    });
    $('terminate-reason').addEventListener('input', () => { $('terminate-confirm').disabled = !$('terminate-reason').value.trim(); });
    $('terminate-panel').addEventListener('submit', (event) => { event.preventDefault(); terminate(); });
    $('terminate-cancel').addEventListener('click', hidePanels);

    $('action-unlock').addEventListener('click', () => openPanel('unlock-panel', 'unlock-confirm'));
    $('unlock-panel').addEventListener('submit', (event) => { event.preventDefault(); unlock(); });
    $('unlock-cancel').addEventListener('click', hidePanels);

    $('action-erase').addEventListener('click', () => {
      $('erase-confirm-input').value = '';
      $('erase-confirm').disabled = true;
      openPanel('erase-panel', 'erase-confirm-input');
    });
    $('erase-confirm-input').addEventListener('input', () => {
      $('erase-confirm').disabled = !state.selected || !eraseConfirmed(state.selected);
    });
    $('erase-panel').addEventListener('submit', (event) => { event.preventDefault(); erase(); });
    $('erase-cancel').addEventListener('click', hidePanels);

    $('funnel-form').addEventListener('submit', (event) => { event.preventDefault(); loadFunnel(); });
    let resizing = 0;
    window.addEventListener('resize', () => {
      cancelAnimationFrame(resizing);
      resizing = requestAnimationFrame(() => {
        const width = Math.round(Math.min(900, Math.max(280, $('funnel-chart').clientWidth)));
        if (state.funnel && !$('app').hidden && width !== state.funnelWidth) renderFunnel(state.funnel);
      });
    });

    if (SIGNED_IN) {
      showSignedIn();
    } else if (getKey()) {
      showApp();
      loadAll();
    } else {
      showKeyPrompt();
    }
    document.documentElement.dataset.ready = 'true';
  }

  init();
})();
