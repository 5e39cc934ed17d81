// The journey in the browser: one screen per stage of the journey's status, in the language the
// person picks. The journey id and token live in this tab's sessionStorage only (never in a URL);
// the status comes from the API's answers and its live event stream.

import * as api from './api.js';
import { watch } from './live.js';
import { regionCodes } from './regions.js';
import { languages, preferredLanguage, texts } from './texts.js';

const STORED_JOURNEY = 'onboarding.journey';
const STORED_LANGUAGE = 'onboarding.language';
const STORED_LINK = 'onboarding.link';
const FINAL = new Set(['verified', 'expired', 'cancelled']);
const STEP_OF = { start: 1, awaitingPhoneCode: 2, awaitingEmailConfirmation: 3, awaitingProfile: 4, registered: 5, awaitingDepositAmounts: 6 };
const STEPS = 6;

const state = {
  language: chooseLanguage(),
  journey: read(STORED_JOURNEY), // { journeyId, journeyToken }
  link: read(STORED_LINK), // { journeyId, token, done } from an e-mail link
  status: null,
  screen: null,
  watcher: null,
  notice: null,
};

const t = () => texts[state.language];

// ------------------------------------------------------------------ helpers

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key));
  } catch {
    return null;
  }
}

function store(key, value) {
  if (value === null) sessionStorage.removeItem(key);
  else sessionStorage.setItem(key, JSON.stringify(value));
}

function chooseLanguage() {
  const stored = sessionStorage.getItem(STORED_LANGUAGE);
  return texts[stored] ? stored : preferredLanguage(navigator.languages ?? [navigator.language]);
}

/** Builds an element: h('p', { class: 'hint', text: '…' }, child, …). Text is always text, never markup. */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

const locale = () => (state.language === 'zh-Hans' ? 'zh-Hans-CN' : state.language);

function formatDate(iso) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

function formatRemaining(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const pad = (n) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 86400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${t().days(days)} ${clock}` : clock;
}

/** Full-width digits and punctuation (typed with a CJK input method) as ASCII. */
function ascii(text) {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3002/g, '.').trim();
}

function regionOptions(selected) {
  let names;
  try {
    names = new Intl.DisplayNames([locale()], { type: 'region' });
  } catch {
    names = { of: (code) => code };
  }
  const options = regionCodes.map((code) => ({ code, name: names.of(code) ?? code }));
  options.sort((a, b) => a.name.localeCompare(b.name, locale()));
  return [
    h('option', { value: '', text: t().chooseRegion }),
    ...options.map(({ code, name }) => h('option', { value: code, text: name, selected: code === selected })),
  ];
}

function browserRegion() {
  try {
    return new Intl.Locale(navigator.language).maximize().region ?? '';
  } catch {
    return '';
  }
}

// ------------------------------------------------------------------ forms and errors

/**
 * @param {{ name: string, label: string, hint?: string, type?: string,
 *   attributes?: Record<string, string | boolean>, control?: HTMLElement }} options
 */
function field({ name, label, hint, type = 'text', attributes = {}, control }) {
  const id = `field-${name}`;
  const input = control ?? h('input', { id, name, type, ...attributes });
  input.id = id;
  input.name = name;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null,
    input,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true, dataset: { errorFor: name } }));
}

function formError() {
  return h('div', { class: 'form-error', role: 'alert', hidden: true, dataset: { errorFor: '_form' } });
}

function clearErrors(container) {
  for (const element of container.querySelectorAll('[data-error-for]')) {
    element.hidden = true;
    element.textContent = '';
  }
  for (const input of container.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => !id.endsWith('-error')).join(' '));
  }
}

/** Shows a message under the field it concerns (or the form's own place); returns the element it describes. */
function showError(container, name, message) {
  const place = container.querySelector(`[data-error-for="${name}"]`) ?? container.querySelector('[data-error-for="_form"]');
  if (!place) return null;
  place.textContent = message;
  place.hidden = false;
  const inputs = name === '_form' ? [] : container.querySelectorAll(`[name="${name}"], [data-group="${name}"] input`);
  for (const input of inputs) {
    input.setAttribute('aria-invalid', 'true');
    const described = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    described.add(place.id || (place.id = `${name}-error`));
    input.setAttribute('aria-describedby', [...described].join(' '));
  }
  return inputs[0] ?? place;
}

/** The dates a problem carries besides its standard members (retention-required names its date). */
function problemDate(problem) {
  const value = Object.entries(problem).find(([name, v]) => !['type', 'title', 'detail', 'code', 'status'].includes(name)
    && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v));
  return value ? new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(new Date(value[1])) : null;
}

/** The person's-language text of a problem; an unknown code shows the server's own detail. */
function problemText(error) {
  const text = t().errors[error.code];
  const wait = error.retryAfter ? t().wait(error.retryAfter) : null;
  if (error.code === 'retention-required') return text(problemDate(error.problem));
  if (typeof text === 'function') return text(wait);
  if (typeof text === 'string') return text;
  return error.detail ?? t().errors.unknown;
}

/**
 * Puts an API error where it belongs: validation errors next to their fields, the codes in
 * `placeOf` next to the field they concern, everything else in the form's alert. Focuses the first.
 */
function showProblem(container, error, placeOf = {}) {
  clearErrors(container);
  let first = null;
  if (error.code === 'validation-failed' && error.errors) {
    for (const [name, messages] of Object.entries(error.errors)) {
      const message = t().fields[name] ?? messages.join(' ');
      const shown = showError(container, name, message);
      first ??= shown;
    }
  } else {
    first = showError(container, placeOf[error.code] ?? '_form', problemText(error));
  }
  if (first && typeof first.focus === 'function' && first.matches('input, select, button')) first.focus();
}

/** Runs an API call from a form: one at a time, with the failure shown in the form. */
async function run(container, action, placeOf) {
  if (container.dataset.running === '1') return;
  container.dataset.running = '1';
  container.setAttribute('aria-busy', 'true');
  try {
    clearErrors(container);
    await action();
  } catch (error) {
    if (!(error instanceof api.ApiError)) throw error;
    if (await handledEverywhere(error)) return;
    showProblem(container, error, placeOf);
  } finally {
    container.dataset.running = '0';
    container.removeAttribute('aria-busy');
  }
}

/** Answers that mean the same on every screen: the journey is gone, or the page shows an old stage. */
async function handledEverywhere(error) {
  if (!state.journey) return false;
  if (error.code === 'missing-token' || (error.code === 'journey-not-found' && !state.link)) {
    sessionEnded();
    return true;
  }
  if (error.code === 'stage-mismatch') {
    state.notice = t().errors['stage-mismatch'];
    try {
      acceptStatus(await api.getStatus(state.journey), true);
    } catch {
      render();
    }
    return true;
  }
  return false;
}

// ------------------------------------------------------------------ journey state

function acceptStatus(status, forceRender = false) {
  if (state.status && status.updatedAt < state.status.updatedAt) return; // older than what is shown
  const before = state.status?.stage;
  state.status = status;
  if (forceRender || before !== status.stage || !state.screen || state.screen.stage !== status.stage) render();
  else state.screen.update?.(status);
  if (FINAL.has(status.stage)) stopWatching();
}

function startWatching() {
  stopWatching();
  if (!state.journey || (state.status && FINAL.has(state.status.stage))) return;
  state.watcher = watch(state.journey, {
    onStatus: (status) => acceptStatus(status),
    onMode: (mode) => { document.documentElement.dataset.live = mode; },
    onGone: () => sessionEnded(),
  });
}

function stopWatching() {
  state.watcher?.stop();
  state.watcher = null;
  document.documentElement.dataset.live = 'off';
}

function beginJourney(journey, status) {
  state.journey = journey;
  store(STORED_JOURNEY, journey);
  state.status = null;
  acceptStatus(status);
  startWatching();
}

function forgetJourney() {
  stopWatching();
  state.journey = null;
  state.status = null;
  store(STORED_JOURNEY, null);
}

function sessionEnded() {
  forgetJourney();
  state.notice = t().sessionEnded;
  render();
}

// ------------------------------------------------------------------ screens

function heading(text) {
  return h('h1', { tabindex: '-1', text });
}

function stepIndicator(key) {
  const step = STEP_OF[key];
  if (!step) return null;
  return h('div', { class: 'step' },
    h('p', { class: 'step-text', text: t().step(step, STEPS) }),
    h('div', { class: 'step-bar', 'aria-hidden': 'true' }, h('span', { style: null, dataset: { step: String(step) } })));
}

function deadlineLine(template, iso) {
  if (!iso) return null;
  return h('p', { class: 'deadline' },
    h('time', { datetime: iso, text: template(formatDate(iso)) }),
    ' · ',
    h('span', { role: 'timer', dataset: { countdown: iso }, text: t().left(formatRemaining(new Date(iso).getTime() - Date.now())) }));
}

function submitButton(text) {
  return h('button', { type: 'submit', class: 'primary', text });
}

function cancelSection() {
  const question = h('div', { class: 'cancel-question', hidden: true },
    h('p', { text: t().cancelQuestion }),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'danger', id: 'cancel-yes', text: t().cancelYes, onclick: () => run(section, async () => acceptStatus(await api.cancelJourney(state.journey))) }),
      h('button', { type: 'button', class: 'secondary', id: 'cancel-no', text: t().cancelNo, onclick: () => { question.hidden = true; ask.focus(); } })));
  const ask = h('button', { type: 'button', class: 'link', id: 'cancel', text: t().cancel, onclick: () => { question.hidden = false; question.querySelector('button').focus(); } });
  const section = h('section', { class: 'cancel', 'aria-label': t().cancel }, ask, question, formError());
  return section;
}

function startScreen() {
  const form = h('form', { novalidate: true, id: 'start-form' },
    formError(),
    field({ name: 'email', label: t().email, hint: t().emailHint, type: 'email', attributes: { autocomplete: 'email', inputmode: 'email', spellcheck: 'false', required: true } }),
    field({ name: 'region', label: t().region, control: h('select', { autocomplete: 'country', required: true }, regionOptions(browserRegion())) }),
    field({ name: 'phoneNumber', label: t().phone, hint: t().phoneHint, type: 'tel', attributes: { autocomplete: 'tel', inputmode: 'tel', required: true } }),
    submitButton(t().startSubmit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = new FormData(form);
    run(form, async () => {
      const started = await api.startJourney({
        email: String(values.get('email')).trim(),
        region: /** @type {import('./openapi').components['schemas']['CountryCode']} */ (String(values.get('region'))),
        phoneNumber: ascii(values.get('phoneNumber')),
        language: /** @type {import('./openapi').components['schemas']['Language']} */ (state.language),
      });
      beginJourney({ journeyId: started.journeyId, journeyToken: started.journeyToken }, started.status);
    }, {
      'region-not-supported': 'region',
      'phone-country-not-supported': 'phoneNumber',
      'email-already-registered': 'email',
      'journey-in-progress': 'email',
    });
  });
  return {
    name: 'start',
    el: h('div', {}, stepIndicator('start'), heading(t().startTitle), h('p', { class: 'lead', text: t().startIntro }), form),
  };
}

/** A resend button with its count and its own error place (a 429 shows its wait here). */
function resendSection(id, label, path, info, onSent) {
  const section = h('div', { class: 'resend' },
    h('button', { type: 'button', class: 'secondary', id, 'aria-describedby': 'resend-info', text: label, onclick: () => run(section, async () => {
      acceptStatus(await api.submit(state.journey, path));
      onSent();
    }, { 'too-many-requests': 'resend' }) }),
    info,
    h('p', { class: 'field-error', id: 'resend-error', hidden: true, dataset: { errorFor: 'resend' } }),
    formError());
  return section;
}

function phoneCodeScreen(status) {
  const resendInfo = h('p', { class: 'hint', id: 'resend-info' });
  const attempts = h('p', { class: 'hint', id: 'attempts-info' });
  const notice = h('p', { class: 'notice', role: 'status' });
  const deadline = h('div');
  const form = h('form', { novalidate: true, id: 'code-form' },
    formError(),
    field({
      name: 'code', label: t().code,
      attributes: { autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: '6', pattern: '[0-9]*', required: true, spellcheck: 'false' },
    }),
    attempts,
    submitButton(t().codeSubmit));
  const resendBox = resendSection('resend-code', t().resendCode, '/phone-code/resend', resendInfo, () => { notice.textContent = t().codeResent; });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = form.elements.code;
    run(form, async () => {
      notice.textContent = '';
      acceptStatus(await api.submit(state.journey, '/phone-code', { code: ascii(input.value) }));
      if (state.screen?.name === 'phone-code') {
        input.value = '';
        input.focus();
      }
    }, { 'too-many-requests': 'code' });
  });
  const update = (now) => {
    resendInfo.textContent = t().resendsLeft(now.resendsRemaining ?? 0);
    attempts.textContent = now.attemptsRemaining !== null ? t().attemptsLeft(now.attemptsRemaining) : '';
    deadline.replaceChildren(deadlineLine(t().validUntil, now.deadline) ?? '');
    const code = now.lastError?.code;
    if (code === 'wrong-code' || code === 'code-expired') {
      clearErrors(form);
      showError(form, 'code', code === 'wrong-code' ? t().errors['wrong-code'](now.attemptsRemaining ?? 0) : t().errors['code-expired']);
      attempts.textContent = ''; // the error says it
    }
  };
  return {
    name: 'phone-code',
    stage: status.stage,
    update,
    el: h('div', {}, stepIndicator(status.stage), heading(t().codeTitle), h('p', { class: 'lead', text: t().codeSentTo(status.phoneNumber) }),
      deadline, notice, form, resendBox, cancelSection()),
  };
}

function liveLine() {
  return h('p', { class: 'live', id: 'live-line' },
    h('span', { class: 'live-dot', 'aria-hidden': 'true' }),
    h('span', { class: 'live-stream', text: t().liveStream }),
    h('span', { class: 'live-polling', text: t().livePolling }));
}

function emailScreen(status) {
  const resendInfo = h('p', { class: 'hint', id: 'resend-info' });
  const notice = h('p', { class: 'notice', role: 'status' });
  const deadline = h('div');
  const resendBox = resendSection('resend-email', t().resendEmail, '/email-confirmation/resend', resendInfo, () => { notice.textContent = t().emailResent; });
  return {
    name: 'check-email',
    stage: status.stage,
    update: (now) => {
      resendInfo.textContent = t().resendsLeft(now.resendsRemaining ?? 0);
      deadline.replaceChildren(deadlineLine(t().validUntil, now.deadline) ?? '');
    },
    el: h('div', {}, stepIndicator(status.stage), heading(t().emailTitle),
      h('p', { class: 'lead', text: t().emailSentTo(status.email) }),
      h('p', { text: t().emailWaiting }), liveLine(), deadline, notice, resendBox, cancelSection()),
  };
}

function confirmScreen() {
  const link = state.link;
  if (link.done) {
    const confirmed = link.done === 'confirmed';
    return {
      name: 'email-confirmed',
      el: h('div', { class: 'end end-confirmed', dataset: { outcome: link.done } },
        h('div', { class: 'end-mark', 'aria-hidden': 'true', text: '✓' }),
        heading(confirmed ? t().confirmedTitle : t().confirmTitle),
        h('p', { class: 'lead', text: confirmed ? t().confirmedElsewhere : t().confirmPending })),
    };
  }
  const box = h('div', { class: 'confirm' },
    formError(),
    h('button', { type: 'button', class: 'primary', id: 'confirm-email', text: t().confirmSubmit, onclick: () => run(box, async () => {
      const answer = await api.confirmEmail(link.journeyId, link.token);
      if (state.journey?.journeyId === link.journeyId && answer.status === 200) {
        // This tab started the journey: go on here.
        state.link = null;
        store(STORED_LINK, null);
        acceptStatus(answer.body, true);
        return;
      }
      state.link = { ...link, token: null, done: answer.status === 200 ? 'confirmed' : 'pending' };
      store(STORED_LINK, state.link);
      render();
    }) }));
  return {
    name: 'confirm-email',
    el: h('div', {}, heading(t().confirmTitle), h('p', { class: 'lead', text: t().confirmText }), box),
  };
}

function nameParts(form) {
  const given = form.elements.givenName.value.trim();
  const family = form.elements.familyName.value.trim();
  const order = form.querySelector('input[name="nameOrder"]:checked')?.value;
  return { given, family, order };
}

function profileScreen(status) {
  const preview = h('p', { class: 'preview', id: 'name-preview' });
  const order = h('fieldset', { class: 'field', dataset: { group: 'nameOrder' } },
    h('legend', { text: t().nameOrder }),
    h('div', { class: 'choice' }, h('input', { type: 'radio', name: 'nameOrder', id: 'order-given', value: 'givenFirst' }), h('label', { for: 'order-given', text: t().givenFirst })),
    h('div', { class: 'choice' }, h('input', { type: 'radio', name: 'nameOrder', id: 'order-family', value: 'familyFirst' }), h('label', { for: 'order-family', text: t().familyFirst })),
    h('p', { class: 'field-error', id: 'field-nameOrder-error', hidden: true, dataset: { errorFor: 'nameOrder' } }));
  const adultBefore = new Date();
  adultBefore.setFullYear(adultBefore.getFullYear() - 18);
  const form = h('form', { novalidate: true, id: 'profile-form' },
    formError(),
    h('p', { text: t().profileIntro }),
    field({ name: 'givenName', label: t().givenName, hint: t().givenNameHint, attributes: { autocomplete: 'given-name', required: true, spellcheck: 'false' } }),
    field({ name: 'familyName', label: t().familyName, hint: t().familyNameHint, attributes: { autocomplete: 'family-name', required: true, spellcheck: 'false' } }),
    order,
    h('aside', { class: 'explain', id: 'name-order-help' }, h('p', { text: t().nameOrderHelp }), preview),
    field({ name: 'nationality', label: t().nationality, control: h('select', { required: true }, regionOptions('')) }),
    field({ name: 'dateOfBirth', label: t().dateOfBirth, type: 'date', attributes: { autocomplete: 'bday', required: true, max: adultBefore.toISOString().slice(0, 10), min: '1900-01-01' } }),
    field({ name: 'passportNumber', label: t().passportNumber, hint: t().passportHint, attributes: { autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', required: true } }),
    submitButton(t().profileSubmit));
  const showPreview = () => {
    const { given, family, order: chosen } = nameParts(form);
    const full = chosen === 'familyFirst' ? `${family} ${given}` : `${given} ${family}`;
    preview.textContent = given || family ? t().namePreview(full.trim(), `${family} ${given}`.trim().toUpperCase()) : '';
  };
  form.addEventListener('input', showPreview);
  form.addEventListener('change', showPreview);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { given, family, order: chosen } = nameParts(form);
    run(form, async () => acceptStatus(await api.submit(state.journey, '/profile', {
      givenName: given,
      familyName: family,
      nameOrder: chosen ?? null,
      nationality: form.elements.nationality.value,
      dateOfBirth: form.elements.dateOfBirth.value,
      passportNumber: ascii(form.elements.passportNumber.value).toUpperCase(),
    })));
  });
  return {
    name: 'profile',
    stage: status.stage,
    el: h('div', {}, stepIndicator(status.stage), heading(t().profileTitle), form, cancelSection()),
  };
}

function bankScreen(status) {
  const verification = status.verification;
  const earlier = verification?.lastOutcome === 'expired' ? t().lastCycleExpired(verification.cyclesRemaining)
    : verification?.lastOutcome === 'failed' ? t().lastCycleFailed(verification.cyclesRemaining) : null;
  const form = h('form', { novalidate: true, id: 'bank-form' },
    formError(),
    h('p', { class: 'identity', text: t().identity }),
    field({ name: 'bankName', label: t().bankName, hint: t().bankNameHint, attributes: { autocomplete: 'off', required: true } }),
    field({ name: 'bankAccountNumber', label: t().bankAccountNumber, hint: t().bankAccountHint, attributes: { inputmode: 'numeric', autocomplete: 'off', required: true, spellcheck: 'false' } }),
    field({ name: 'accountHolderName', label: t().holderName, hint: t().holderHint, attributes: { autocomplete: 'off', autocapitalize: 'characters', required: true, spellcheck: 'false' } }),
    submitButton(t().bankSubmit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(form, async () => acceptStatus(await api.submit(state.journey, '/verification', {
      identityType: 'foreigner',
      bankName: form.elements.bankName.value.trim(),
      bankAccountNumber: ascii(form.elements.bankAccountNumber.value).replace(/[\s-]/g, ''),
      accountHolderName: form.elements.accountHolderName.value.trim(),
    })), { 'holder-name-mismatch': 'accountHolderName', 'bank-account-in-use': 'bankAccountNumber', 'too-many-requests': '_form' });
  });
  return {
    name: 'bank',
    stage: status.stage,
    el: h('div', {}, stepIndicator(status.stage), heading(t().bankTitle), h('p', { class: 'lead', text: t().bankIntro }),
      earlier ? h('p', { class: 'notice warning', text: earlier }) : null, form, cancelSection()),
  };
}

function depositsScreen(status) {
  const count = status.verification?.depositCount ?? 1;
  const attempts = h('p', { class: 'hint', id: 'attempts-info' });
  const deadline = h('div');
  const amounts = h('fieldset', { class: 'field amounts', dataset: { group: 'amounts' } },
    h('legend', { class: 'visually-hidden', text: t().depositsTitle }),
    Array.from({ length: count }, (_, i) => field({
      name: `amount-${i + 1}`, label: t().amount(i + 1), hint: i === 0 ? t().amountHint : null,
      attributes: { inputmode: 'decimal', autocomplete: 'off', required: true, placeholder: '0.00', spellcheck: 'false' },
    })),
    h('p', { class: 'field-error', id: 'field-amounts-error', hidden: true, dataset: { errorFor: 'amounts' } }));
  const form = h('form', { novalidate: true, id: 'deposits-form' }, formError(), amounts, attempts, submitButton(t().depositsSubmit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = [...form.querySelectorAll('.amounts input')].map((input) => ascii(input.value).replace(',', '.'));
    run(form, async () => {
      acceptStatus(await api.submit(state.journey, '/deposit-amounts', { amounts: values }));
      if (state.screen?.name === 'deposits') form.querySelector('.amounts input').focus();
    }, { 'too-many-requests': 'amounts' });
  });
  return {
    name: 'deposits',
    stage: status.stage,
    update: (now) => {
      attempts.textContent = now.attemptsRemaining !== null ? t().attemptsLeft(now.attemptsRemaining) : '';
      deadline.replaceChildren(deadlineLine(t().deadline, now.deadline) ?? '');
      if (now.lastError?.code === 'wrong-amounts') {
        clearErrors(form);
        showError(form, 'amounts', t().errors['wrong-amounts'](now.attemptsRemaining ?? 0));
        attempts.textContent = ''; // the error says it
      }
    },
    el: h('div', {}, stepIndicator(status.stage), heading(t().depositsTitle),
      h('p', { class: 'lead', text: t().depositsIntro(count, status.verification?.bankAccount ?? '') }), deadline, form, cancelSection()),
  };
}

function endScreen(status) {
  const kind = status.stage;
  const title = { verified: t().verifiedTitle, locked: t().lockedTitle, expired: t().expiredTitle, cancelled: t().cancelledTitle }[kind];
  const text = { verified: t().verifiedText, locked: t().lockedText, expired: t().expiredText, cancelled: t().cancelledText }[kind];
  const outcome = h('p', { class: 'notice', role: 'status' });
  const actions = h('div', { class: 'actions' },
    formError(),
    h('button', { type: 'button', class: 'primary', id: 'start-again', text: t().startAgain, onclick: () => { forgetJourney(); render(); } }),
    h('button', { type: 'button', class: 'link', id: 'erase', text: t().erase, onclick: () => run(actions, async () => {
      await api.eraseJourney(state.journey);
      forgetJourney();
      outcome.textContent = t().eraseRequested;
    }) }));
  return {
    name: kind,
    stage: kind,
    el: h('div', { class: `end end-${kind}` },
      h('div', { class: 'end-mark', 'aria-hidden': 'true', text: kind === 'verified' ? '✓' : kind === 'locked' ? '!' : '·' }),
      heading(title), h('p', { class: 'lead', text }), outcome, actions),
  };
}

function screenFor(status) {
  switch (status.stage) {
    case 'awaitingPhoneCode': return phoneCodeScreen(status);
    case 'awaitingEmailConfirmation': return emailScreen(status);
    case 'awaitingProfile': return profileScreen(status);
    case 'registered': return bankScreen(status);
    case 'awaitingDepositAmounts': return depositsScreen(status);
    default: return endScreen(status);
  }
}

// ------------------------------------------------------------------ the page

/** What the person typed, by field name, so that a new language keeps it. */
/** @returns {Record<string, string>} */
function typed(main) {
  /** @type {Record<string, string>} */
  const values = {};
  for (const input of main.querySelectorAll('input, select')) {
    if (input.type === 'radio') { if (input.checked) values[input.name] = input.value; } else if (input.value) values[input.name] = input.value;
  }
  return values;
}

function restore(main, values) {
  for (const input of main.querySelectorAll('input, select')) {
    if (!(input.name in values)) continue;
    if (input.type === 'radio') input.checked = input.value === values[input.name];
    else input.value = values[input.name];
  }
  main.querySelector('form')?.dispatchEvent(new Event('input'));
}

/** @param {{ keep?: Record<string, string> }} [options] */
function render({ keep } = {}) {
  const main = document.getElementById('main');
  const previous = state.screen?.name;
  if (state.link?.done && state.journey?.journeyId === state.link.journeyId && state.status?.stage !== 'awaitingEmailConfirmation') {
    state.link = null; // this tab's own journey moved on past the confirmation
    store(STORED_LINK, null);
  }
  const screen = state.link ? confirmScreen() : state.journey && state.status ? screenFor(state.status) : startScreen();
  const notice = state.notice ? h('p', { class: 'notice', role: 'status', id: 'page-notice', text: state.notice }) : null;
  state.notice = null;
  main.replaceChildren(...[notice, screen.el].filter(Boolean));
  main.dataset.screen = screen.name;
  document.title = `${main.querySelector('h1').textContent} · ${t().appTitle}`;
  state.screen = screen;
  if (state.status && screen.update) screen.update(state.status);
  if (keep) restore(main, keep);
  if (previous && previous !== screen.name) main.querySelector('h1').focus();
}

function applyLanguage(language) {
  state.language = language;
  sessionStorage.setItem(STORED_LANGUAGE, language);
  document.documentElement.lang = language;
  document.getElementById('brand').textContent = t().appTitle;
  document.getElementById('language-label').textContent = t().language;
  /** @type {HTMLSelectElement} */ (document.getElementById('language')).value = language;
}

function tick() {
  for (const element of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-countdown]'))) {
    element.textContent = t().left(formatRemaining(new Date(element.dataset.countdown).getTime() - Date.now()));
  }
}

/** An e-mail link opens the page with #journey=…&token=…: keep it in this tab, and out of the address bar. */
function takeLinkFromAddress() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const journeyId = fragment.get('journey');
  const token = fragment.get('token');
  if (journeyId && token) {
    state.link = { journeyId, token };
    store(STORED_LINK, state.link);
  }
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}

async function main() {
  const picker = /** @type {HTMLSelectElement} */ (document.getElementById('language'));
  picker.replaceChildren(...languages.map(({ tag, name }) => h('option', { value: tag, lang: tag, text: name })));
  picker.addEventListener('change', () => {
    const keep = typed(document.getElementById('main'));
    applyLanguage(picker.value);
    render({ keep });
  });
  applyLanguage(state.language);
  takeLinkFromAddress();
  setInterval(tick, 1000);

  if (state.journey) {
    try {
      state.status = await api.getStatus(state.journey);
      startWatching();
    } catch (error) {
      if (error instanceof api.ApiError && (error.status === 401 || error.status === 404)) sessionEnded();
      else state.notice = problemText(error);
    }
  }
  render();
  document.documentElement.dataset.ready = 'true';
}

main();
