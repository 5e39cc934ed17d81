// The journey in the browser: one screen per stage of the journey's status, in the language the
// person picks. The journey id and this device's token live in this tab's sessionStorage only (never
// in a URL); the status comes from the API's answers and its live event stream. Another device
// joins a journey through a way back that a message carries (#journey=…&resume=…), and both stay in
// step through their event streams.

import * as api from './api.js';
import { FINAL_STAGES } from './journey.js';
import { watch } from './live.js';
import { languages, preferredLanguage, texts } from './texts.js';

const STORED_JOURNEY = 'onboarding.journey';
const STORED_LANGUAGE = 'onboarding.language';
const STORED_LINK = 'onboarding.link';
const STORED_RESUME = 'onboarding.resume';
const STORED_NATIONALITY = 'onboarding.nationality';
const FINAL = new Set(FINAL_STAGES);
const STEP_OF = { start: 1, awaitingPhoneCode: 2, awaitingEmailConfirmation: 3, awaitingProfile: 4, registered: 5, awaitingDepositAmounts: 6 };
const STEPS = 6;

const state = {
  language: chooseLanguage(),
  journey: read(STORED_JOURNEY), // { journeyId, journeyToken }
  link: read(STORED_LINK), // { journeyId, token, done, resumeToken } from an e-mail link
  resume: read(STORED_RESUME), // { journeyId, token, gone } from a way back a message carried
  nationality: read(STORED_NATIONALITY), // what the start named, for the profile
  options: null, // GET /api/registration-options
  view: history.state?.view ?? null, // a screen of the app's own on top of the journey's: 'resume-request'
  status: null,
  screen: null,
  watcher: null,
  notice: null,
  bankDraft: null, // the bank details typed last, kept in memory for the next cycle
  emailDraft: '', // the start form's address, for the resume request
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
  if (value === null || value === undefined) sessionStorage.removeItem(key);
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

/** Options for a select of countries: the codes given (as the server accepts them), named in the page's language, by name. */
function countryOptions(codes, selected, prompt) {
  let names;
  try {
    names = new Intl.DisplayNames([locale()], { type: 'region' });
  } catch {
    names = { of: (code) => code };
  }
  const options = codes.map((code) => ({ code, name: names.of(code) ?? code }));
  options.sort((a, b) => a.name.localeCompare(b.name, locale()));
  return [
    h('option', { value: '', text: prompt }),
    ...options.map(({ code, name }) => h('option', { value: code, text: name, selected: code === selected })),
  ];
}

/** Nationalities to choose from: those served, and China's, whose citizens are told this flow is not theirs. */
function nationalityCodes() {
  const { nationalities, chineseCitizenship } = state.options;
  return nationalities.includes(chineseCitizenship) ? nationalities : [...nationalities, chineseCitizenship];
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
  if (error.code === 'missing-token' || (error.code === 'journey-not-found' && !state.link && !state.resume)) {
    sessionEnded();
    return true;
  }
  if (error.code === 'stage-mismatch' || error.code === 'input-already-submitted') {
    // The step took other details already (another tab or device): they stand, and the page shows what follows.
    state.notice = t().errors[error.code];
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
  const before = state.status;
  state.status = status;
  if (forceRender || before?.stage !== status.stage || !state.screen || state.screen.stage !== status.stage
    || (FINAL.has(status.stage) && !before?.ending && status.ending)) render();
  else state.screen.update?.(status);
  if (FINAL.has(status.stage)) {
    stopWatching();
    awaitEnding(status);
  }
}

/** An ended journey's last step notes how it ended a moment after the stage is published: read it again until it says. */
async function awaitEnding(status) {
  if (status.stage === 'verified' || status.ending) return;
  const journey = state.journey;
  for (let attempt = 0; attempt < 10 && state.journey === journey; attempt += 1) {
    await new Promise((resolve) => { setTimeout(resolve, 1500); });
    try {
      const now = await api.getStatus(journey);
      if (now.ending) {
        if (state.journey === journey) acceptStatus(now);
        return;
      }
    } catch {
      return;
    }
  }
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
  state.view = null;
  acceptStatus(status, true);
  startWatching();
}

function forgetJourney() {
  stopWatching();
  state.journey = null;
  state.status = null;
  state.bankDraft = null;
  store(STORED_JOURNEY, null);
  api.forgetLastStart(); // a new registration with the same form is a new start, not a replay of this one
}

function sessionEnded() {
  forgetJourney();
  state.notice = t().sessionEnded;
  render();
}

/** Opens a screen of the app's own (Back, in the app or the browser, returns from it). */
function openView(view) {
  state.view = view;
  history.pushState({ view }, '');
  render();
}

function closeView() {
  if (history.state?.view) history.back(); // popstate renders
  else {
    state.view = null;
    render();
  }
}

// ------------------------------------------------------------------ screens

function heading(text) {
  return h('h1', { tabindex: '-1', text });
}

function backButton(onclick = closeView) {
  return h('button', { type: 'button', class: 'back', id: 'back', text: `‹ ${t().back}`, onclick });
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

/** A button that asks before it acts: the question and its two answers open below it. */
function confirmedAction({ id, label, question, yes, no, danger = true, action }) {
  const box = h('div', { class: 'ask' });
  const ask = h('button', { type: 'button', class: 'link', id, text: label, onclick: () => { asked.hidden = false; asked.querySelector('button').focus(); } });
  const asked = h('div', { class: 'ask-question', hidden: true },
    h('p', { text: question }),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: danger ? 'danger' : 'primary', id: `${id}-yes`, text: yes, onclick: () => run(box, async () => { await action(box); }) }),
      h('button', { type: 'button', class: 'secondary', id: `${id}-no`, text: no, onclick: () => { asked.hidden = true; ask.focus(); } })));
  box.append(ask, asked, formError());
  return box;
}

function cancelSection() {
  return h('section', { class: 'cancel', 'aria-label': t().cancel }, confirmedAction({
    id: 'cancel', label: t().cancel, question: t().cancelQuestion, yes: t().cancelYes, no: t().cancelNo,
    action: async () => acceptStatus(await api.cancelJourney(state.journey)),
  }));
}

/** Erase, asked first: 202 leaves the journey (a notice says so on the start screen); a verified account's record is kept, which is news, not an error. */
function eraseSection() {
  const outcome = h('p', { class: 'notice', role: 'status', id: 'erase-outcome' });
  return h('section', { class: 'erase' }, outcome, confirmedAction({
    id: 'erase', label: t().erase, question: t().eraseQuestion, yes: t().eraseYes, no: t().eraseNo,
    action: async (box) => {
      try {
        await api.eraseJourney(state.journey);
      } catch (error) {
        if (!(error instanceof api.ApiError) || error.code !== 'retention-required') throw error;
        box.hidden = true; // asked and answered: the request is recorded
        outcome.textContent = problemText(error);
        return;
      }
      forgetJourney();
      state.notice = t().erased;
      render();
    },
  }));
}

function optionsUnavailableScreen() {
  return {
    name: 'start',
    el: h('div', {}, heading(t().startTitle),
      h('div', { class: 'form-error', role: 'alert', text: t().optionsUnavailable }),
      h('button', { type: 'button', class: 'primary', id: 'retry', text: t().retry, onclick: () => loadOptions().then(() => render()) })),
  };
}

function startScreen() {
  if (!state.options) return optionsUnavailableScreen();
  const { regions, chineseCitizenship } = state.options;
  const nationality = h('select', { required: true, autocomplete: 'off' }, countryOptions(nationalityCodes(), state.nationality ?? '', t().chooseNationality));
  const notForeigner = h('p', { class: 'notice warning', id: 'chinese-citizen', role: 'status', hidden: true, text: t().chineseCitizen });
  const submit = submitButton(t().startSubmit);
  const showWhomFor = () => {
    const citizen = nationality.value === chineseCitizenship;
    notForeigner.hidden = !citizen;
    submit.disabled = citizen;
  };
  const form = h('form', { novalidate: true, id: 'start-form' },
    formError(),
    field({ name: 'email', label: t().email, hint: t().emailHint, type: 'email', attributes: { autocomplete: 'email', inputmode: 'email', spellcheck: 'false', required: true, value: state.emailDraft || null } }),
    field({ name: 'nationality', label: t().nationality, hint: t().nationalityHint, control: nationality }),
    notForeigner,
    field({ name: 'region', label: t().region, control: h('select', { autocomplete: 'country', required: true }, countryOptions(regions, regions.includes('CN') ? 'CN' : '', t().chooseRegion)) }),
    field({ name: 'phoneNumber', label: t().phone, hint: t().phoneHint, type: 'tel', attributes: { autocomplete: 'tel', inputmode: 'tel', required: true } }),
    submit);
  form.addEventListener('change', showWhomFor);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = new FormData(form);
    // The start answers alike for every address (the owner of one in use is told by e-mail), so none is refused here.
    run(form, async () => {
      const started = await api.startJourney({
        email: String(values.get('email')).trim(),
        region: /** @type {import('./openapi').components['schemas']['CountryCode']} */ (String(values.get('region'))),
        phoneNumber: ascii(values.get('phoneNumber')),
        language: /** @type {import('./openapi').components['schemas']['Language']} */ (state.language),
        nationality: /** @type {import('./openapi').components['schemas']['CountryCode']} */ (String(values.get('nationality'))) || null,
      });
      state.nationality = String(values.get('nationality')) || null;
      store(STORED_NATIONALITY, state.nationality);
      beginJourney({ journeyId: started.journeyId, journeyToken: started.journeyToken }, started.status);
    }, {
      'region-not-supported': 'region',
      'chinese-citizen': 'nationality',
      'nationality-not-supported': 'nationality',
      'phone-country-not-supported': 'phoneNumber',
    });
  });
  const resumeOffer = h('section', { class: 'resume-offer', 'aria-labelledby': 'resume-offer-text' },
    h('p', { id: 'resume-offer-text', text: t().resumeOffer }),
    h('button', { type: 'button', class: 'link', id: 'resume-offer', text: t().resumeOfferButton, onclick: () => {
      state.emailDraft = form.elements.email.value.trim();
      openView('resume-request');
    } }));
  queueMicrotask(showWhomFor);
  return {
    name: 'start',
    el: h('div', {}, stepIndicator('start'), heading(t().startTitle), h('p', { class: 'lead', text: t().startIntro }), form, resumeOffer),
  };
}

/** Asks for a way back into a running journey, by e-mail; the answer is the same for every address. */
function resumeRequestScreen() {
  const sent = h('p', { class: 'notice', role: 'status', id: 'resume-request-sent' });
  const form = h('form', { novalidate: true, id: 'resume-request-form' },
    formError(),
    field({ name: 'email', label: t().email, type: 'email', attributes: { autocomplete: 'email', inputmode: 'email', spellcheck: 'false', required: true, value: state.emailDraft || null } }),
    submitButton(t().resumeRequestSubmit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    run(form, async () => {
      sent.textContent = '';
      await api.requestResumeLink(email);
      state.emailDraft = email;
      sent.textContent = t().resumeRequestSent(email);
    }, { 'too-many-requests': '_form' });
  });
  return {
    name: 'resume-request',
    el: h('div', {}, backButton(), heading(t().resumeRequestTitle), h('p', { class: 'lead', text: t().resumeRequestText }), form, sent),
  };
}

/** A way back a message carried: nothing happens until the person presses the button (mail scanners open links). */
function resumeScreen() {
  const resume = state.resume;
  const leave = () => {
    state.resume = null;
    store(STORED_RESUME, null);
  };
  if (resume.gone) {
    return {
      name: 'resume-link-gone',
      el: h('div', {}, heading(t().resumeTitle),
        h('p', { class: 'form-error', role: 'alert', text: t().resumeLinkGone }),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', id: 'resume-again', text: t().resumeOfferButton, onclick: () => { leave(); openView('resume-request'); } }),
          h('button', { type: 'button', class: 'secondary', id: 'back', text: t().back, onclick: () => { leave(); render(); } }))),
    };
  }
  const box = h('div', { class: 'confirm' },
    formError(),
    h('button', { type: 'button', class: 'primary', id: 'resume', text: t().resumeSubmit, onclick: () => run(box, async () => {
      try {
        const resumed = await api.resumeJourney(resume.journeyId, resume.token);
        leave();
        beginJourney({ journeyId: resumed.journeyId, journeyToken: resumed.journeyToken }, resumed.status);
      } catch (error) {
        if (!(error instanceof api.ApiError) || error.code !== 'journey-not-found') throw error;
        state.resume = { ...resume, token: null, gone: true };
        store(STORED_RESUME, state.resume);
        render();
      }
    }) }));
  return {
    name: 'resume',
    el: h('div', {}, heading(t().resumeTitle), h('p', { class: 'lead', text: t().resumeText }), box),
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

/**
 * The SMS code. What it says is what is true now: a wrong code with the tries left; no tries left,
 * or the code expired — then Confirm is off and the way on is a new code (until when it can be had);
 * nothing left at all — then cancelling is. A new code clears what was said about the old one.
 */
function phoneCodeScreen(status) {
  const resendInfo = h('p', { class: 'hint', id: 'resend-info' });
  const attempts = h('p', { class: 'hint', id: 'attempts-info' });
  const notice = h('p', { class: 'notice', role: 'status', id: 'code-notice' });
  const deadline = h('div');
  const input = h('input', { type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: '6', pattern: '[0-9]*', required: true, spellcheck: 'false' });
  const confirm = submitButton(t().codeSubmit);
  const form = h('form', { novalidate: true, id: 'code-form' },
    formError(),
    field({ name: 'code', label: t().code, control: input }),
    attempts,
    confirm);
  const resendBox = resendSection('resend-code', t().resendCode, '/phone-code/resend', resendInfo, () => {
    clearErrors(form);
    notice.textContent = t().codeResent;
    input.focus();
  });
  let shown = status;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(form, async () => {
      notice.textContent = '';
      try {
        acceptStatus(await api.submit(state.journey, '/phone-code', { code: ascii(input.value) }));
      } catch (error) {
        // This code takes no more tries (used up, or expired): the status says which, and what is next.
        if (!(error instanceof api.ApiError) || /** @type {{ limit?: string }} */ (error.problem).limit !== 'code-attempts') throw error;
        acceptStatus(await api.getStatus(state.journey), false);
        update(state.status, true);
        return;
      }
      if (state.screen?.name === 'phone-code') {
        input.value = '';
        input.focus();
      }
    }, { 'too-many-requests': 'code' });
  });
  // What a status says about this code (its time is to the second: two can share one).
  const said = (status) => JSON.stringify([status.lastError?.code, status.attemptsRemaining, status.resendsRemaining, status.deadline, status.updatedAt]);
  const update = (now, force = false) => {
    const changed = force || said(now) !== said(shown);
    shown = now;
    const resends = now.resendsRemaining ?? 0;
    const code = now.lastError?.code;
    const expiredHere = form.dataset.expiredLocally === '1' && now.deadline !== null && new Date(now.deadline).getTime() <= Date.now();
    const expired = code === 'code-expired' || expiredHere;
    const noTries = now.attemptsRemaining === 0;
    const blocked = expired || noTries;
    resendInfo.textContent = t().resendsLeft(resends);
    input.disabled = blocked;
    confirm.disabled = blocked;
    if (changed) clearErrors(form);
    attempts.textContent = !blocked && now.attemptsRemaining !== null ? t().attemptsLeft(now.attemptsRemaining) : '';
    if (blocked) {
      showError(form, 'code', resends === 0 ? t().codeNothingLeft : expired ? t().codeExpired : t().codeNoTriesLeft);
      deadline.replaceChildren(expired && resends > 0 ? deadlineLine(t().newCodeBy, now.deadline) ?? '' : '');
      if (resends > 0 && changed) notice.textContent = '';
    } else {
      if (changed && code === 'wrong-code') {
        showError(form, 'code', t().errors['wrong-code'](now.attemptsRemaining ?? 0));
        attempts.textContent = ''; // the error says it
      }
      deadline.replaceChildren(deadlineLine(t().validUntil, now.deadline) ?? '');
    }
  };
  return {
    name: 'phone-code',
    stage: status.stage,
    update,
    // The countdown ran out: the code is expired before the journey says so (it does a moment later).
    expire: () => {
      if (shown.lastError?.code === 'code-expired' || form.dataset.expiredLocally === '1') return;
      form.dataset.expiredLocally = '1';
      update(shown, true);
    },
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
  const notice = h('p', { class: 'notice', role: 'status', id: 'email-notice' });
  const expiredLine = h('p', { class: 'notice warning', id: 'link-expired', role: 'status', hidden: true, text: t().emailLinkExpired });
  const deadline = h('div');
  const resendBox = resendSection('resend-email', t().resendEmail, '/email-confirmation/resend', resendInfo, () => { notice.textContent = t().emailResent; });
  return {
    name: 'check-email',
    stage: status.stage,
    update: (now) => {
      const expired = now.lastError?.code === 'code-expired';
      resendInfo.textContent = t().resendsLeft(now.resendsRemaining ?? 0);
      expiredLine.hidden = !expired;
      if (expired) notice.textContent = '';
      deadline.replaceChildren(deadlineLine(expired ? t().newLinkBy : t().validUntil, now.deadline) ?? '');
    },
    el: h('div', {}, stepIndicator(status.stage), heading(t().emailTitle),
      h('p', { class: 'lead', text: t().emailSentTo(status.email) }),
      h('p', { text: t().emailWaiting }), liveLine(), deadline, expiredLine, notice, resendBox, cancelSection()),
  };
}

/** Continues a journey on this device with a way back (a confirmation's resumeToken). */
function continueHereButton(journeyId, token, done) {
  const box = h('div', { class: 'confirm' }, formError());
  box.prepend(h('button', { type: 'button', class: 'primary', id: 'continue-here', text: t().continueHere, onclick: () => run(box, async () => {
    const resumed = await api.resumeJourney(journeyId, token);
    done();
    beginJourney({ journeyId: resumed.journeyId, journeyToken: resumed.journeyToken }, resumed.status);
  }) }));
  return box;
}

function confirmScreen() {
  const link = state.link;
  const leave = () => {
    state.link = null;
    store(STORED_LINK, null);
  };
  if (link.done) {
    const confirmed = link.done === 'confirmed';
    return {
      name: 'email-confirmed',
      el: h('div', { class: 'end end-confirmed', dataset: { outcome: link.done } },
        h('div', { class: 'end-mark', 'aria-hidden': 'true', text: '✓' }),
        heading(confirmed ? t().confirmedTitle : t().confirmTitle),
        h('p', { class: 'lead', text: confirmed ? t().confirmedElsewhere : t().confirmPending }),
        link.resumeToken ? continueHereButton(link.journeyId, link.resumeToken, leave) : null),
    };
  }
  const box = h('div', { class: 'confirm' },
    formError(),
    h('button', { type: 'button', class: 'primary', id: 'confirm-email', text: t().confirmSubmit, onclick: () => run(box, async () => {
      const answer = await api.confirmEmail(link.journeyId, link.token);
      if (state.journey?.journeyId === link.journeyId && answer.status === 200) {
        // This tab started the journey: go on here.
        leave();
        acceptStatus(answer.body, true);
        return;
      }
      state.link = { journeyId: link.journeyId, token: null, done: answer.status === 200 ? 'confirmed' : 'pending', resumeToken: answer.body?.resumeToken ?? null };
      store(STORED_LINK, state.link);
      render();
    }) }));
  return {
    name: 'confirm-email',
    el: h('div', {}, heading(t().confirmTitle), h('p', { class: 'lead', text: t().confirmText }), box),
  };
}

/** The names as typed, in the letters the API takes: full-width ones (a CJK input method's) as ASCII, no spaces around. */
function nameParts(form) {
  const given = ascii(form.elements.givenName.value);
  const family = ascii(form.elements.familyName.value);
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
  const nationalities = state.options ? nationalityCodes() : [];
  const form = h('form', { novalidate: true, id: 'profile-form' },
    formError(),
    h('p', { text: t().profileIntro }),
    field({ name: 'givenName', label: t().givenName, hint: t().givenNameHint, attributes: { autocomplete: 'given-name', autocapitalize: 'characters', lang: 'en', required: true, spellcheck: 'false' } }),
    field({ name: 'familyName', label: t().familyName, hint: t().familyNameHint, attributes: { autocomplete: 'family-name', autocapitalize: 'characters', lang: 'en', required: true, spellcheck: 'false' } }),
    order,
    h('aside', { class: 'explain', id: 'name-order-help' }, h('p', { text: t().nameOrderHelp }), preview),
    field({ name: 'chineseName', label: t().chineseName, hint: t().chineseNameHint, attributes: { autocomplete: 'off', spellcheck: 'false', lang: 'zh-Hans' } }),
    field({ name: 'nationality', label: t().nationality, hint: t().nationalityHint, control: h('select', { required: true }, countryOptions(nationalities, state.nationality ?? '', t().chooseNationality)) }),
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
      chineseName: form.elements.chineseName.value.replace(/[\s\u3000]/g, '') || null,
    })), { 'chinese-citizen': 'nationality', 'nationality-not-supported': 'nationality' });
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
  const draft = state.bankDraft ?? {};
  const form = h('form', { novalidate: true, id: 'bank-form' },
    formError(),
    h('p', { class: 'identity', text: t().identity }),
    field({ name: 'bankName', label: t().bankName, hint: t().bankNameHint, attributes: { autocomplete: 'off', required: true, value: draft.bankName } }),
    field({ name: 'bankAccountNumber', label: t().bankAccountNumber, hint: t().bankAccountHint, attributes: { inputmode: 'numeric', autocomplete: 'off', required: true, spellcheck: 'false', value: draft.bankAccountNumber } }),
    field({ name: 'accountHolderName', label: t().holderName, hint: t().holderHint, attributes: { autocomplete: 'off', autocapitalize: 'characters', required: true, spellcheck: 'false', value: draft.accountHolderName } }),
    submitButton(t().bankSubmit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // Kept (in this tab's memory only) so that a next cycle need not be typed again.
    state.bankDraft = {
      bankName: form.elements.bankName.value.trim(),
      bankAccountNumber: form.elements.bankAccountNumber.value.trim(),
      accountHolderName: form.elements.accountHolderName.value.trim(),
    };
    run(form, async () => acceptStatus(await api.submit(state.journey, '/verification', {
      identityType: 'foreigner',
      bankName: state.bankDraft.bankName,
      bankAccountNumber: ascii(state.bankDraft.bankAccountNumber).replace(/[\s-]/g, ''),
      accountHolderName: state.bankDraft.accountHolderName,
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

/** Whom to ask, as configured: each contact as a link. */
function supportContacts() {
  const support = state.options?.support ?? {};
  const items = [
    support.email ? h('li', {}, `${t().supportEmail}: `, h('a', { href: `mailto:${support.email}`, id: 'support-email', text: support.email })) : null,
    support.phone ? h('li', {}, `${t().supportPhone}: `, h('a', { href: `tel:${support.phone.replace(/[^\d+]/g, '')}`, id: 'support-phone', text: support.phone })) : null,
    support.url ? h('li', {}, h('a', { href: support.url, id: 'support-url', rel: 'noopener', text: t().supportUrl })) : null,
  ].filter(Boolean);
  return items.length > 0
    ? h('div', { class: 'support' }, h('p', { text: t().supportContact }), h('ul', {}, items))
    : h('p', { class: 'support', text: t().supportNone });
}

/** Why the journey ended, as its last step noted (a moment after the stage; until then the general text). */
function endingText(status) {
  const ending = status.ending;
  if (status.stage === 'expired') return (ending?.atStage && t().expiredAt[ending.atStage]) || t().expiredText;
  switch (ending?.by) {
    case 'user': return t().cancelledByUser;
    case 'operator': return ending.reason ? t().cancelledByOperator(ending.reason) : t().cancelledText;
    case 'inactivity': return t().cancelledInactivity;
    default: return t().cancelledText;
  }
}

function startAgainButton() {
  return h('button', { type: 'button', class: 'primary', id: 'start-again', text: t().startAgain, onclick: () => { forgetJourney(); render(); } });
}

function endScreen(status) {
  const kind = status.stage;
  const parts = {
    verified: { mark: '✓', title: t().verifiedTitle, body: [h('p', { class: 'lead', text: t().verifiedText })], again: false },
    locked: {
      mark: '!',
      title: t().lockedTitle,
      body: [
        h('p', { class: 'lead', text: t().lockedText }),
        h('h2', { text: t().lockedNext }),
        supportContacts(),
        h('p', { text: t().lockedCancel }),
      ],
      again: false,
    },
    expired: { mark: '!', title: t().expiredTitle, body: [h('p', { class: 'lead', id: 'ending', text: endingText(status) })], again: true },
    cancelled: { mark: '×', title: t().cancelledTitle, body: [h('p', { class: 'lead', id: 'ending', text: endingText(status) })], again: true },
  }[kind];
  return {
    name: kind,
    stage: kind,
    el: h('div', { class: `end end-${kind}` },
      h('div', { class: 'end-mark', 'aria-hidden': 'true', text: parts.mark }),
      heading(parts.title), ...parts.body,
      parts.again ? h('div', { class: 'actions' }, startAgainButton()) : null,
      kind === 'locked' ? cancelSection() : null,
      eraseSection()),
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
  for (const form of main.querySelectorAll('form')) {
    form.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('change'));
  }
}

function currentScreen() {
  if (state.resume) {
    if (!state.resume.gone && state.journey?.journeyId === state.resume.journeyId) {
      state.resume = null; // this tab is in that journey already: the link stays unused
      store(STORED_RESUME, null);
    } else {
      return resumeScreen();
    }
  }
  if (state.link) return confirmScreen();
  if (state.journey && state.status) return screenFor(state.status);
  if (state.view === 'resume-request') return resumeRequestScreen();
  return startScreen();
}

/** @param {{ keep?: Record<string, string> }} [options] */
function render({ keep } = {}) {
  const main = document.getElementById('main');
  const previous = state.screen?.name;
  if (state.link?.done && state.journey?.journeyId === state.link.journeyId && state.status?.stage !== 'awaitingEmailConfirmation') {
    state.link = null; // this tab's own journey moved on past the confirmation
    store(STORED_LINK, null);
  }
  const screen = currentScreen();
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
    const left = new Date(element.dataset.countdown).getTime() - Date.now();
    element.textContent = t().left(formatRemaining(left));
    if (left <= 0) state.screen?.expire?.();
  }
}

/**
 * A link opens the page with #journey=…&token=… (the e-mail confirmation) or #journey=…&resume=…
 * (a way back): keep it in this tab, and out of the address bar and its history.
 */
function takeLinkFromAddress() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const journeyId = fragment.get('journey');
  const token = fragment.get('token');
  const resume = fragment.get('resume');
  if (journeyId && token) {
    state.link = { journeyId, token };
    store(STORED_LINK, state.link);
  } else if (journeyId && resume) {
    state.resume = { journeyId, token: resume };
    store(STORED_RESUME, state.resume);
  }
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
}

async function loadOptions() {
  try {
    state.options = await api.getRegistrationOptions();
  } catch {
    state.options = null;
  }
}

async function main() {
  const picker = /** @type {HTMLSelectElement} */ (document.getElementById('language'));
  picker.replaceChildren(...languages.map(({ tag, name }) => h('option', { value: tag, lang: tag, text: name })));
  picker.addEventListener('change', () => {
    const keep = typed(document.getElementById('main'));
    applyLanguage(picker.value);
    render({ keep });
  });
  window.addEventListener('popstate', (event) => {
    state.view = event.state?.view ?? null;
    render();
  });
  applyLanguage(state.language);
  takeLinkFromAddress();
  setInterval(tick, 1000);

  const options = loadOptions();
  if (state.journey) {
    try {
      state.status = await api.getStatus(state.journey);
      startWatching();
      if (FINAL.has(state.status.stage)) awaitEnding(state.status);
    } catch (error) {
      if (error instanceof api.ApiError && (error.status === 401 || error.status === 404)) {
        forgetJourney();
        state.notice = t().sessionEnded;
      } else {
        state.notice = problemText(error);
      }
    }
  }
  await options;
  render();
  document.documentElement.dataset.ready = 'true';
}

main();
