// The HTTP contract (openapi.yaml) as the app uses it. Same origin by default; a copy of the app
// on another origin names the API in <meta name="onboarding-api" content="https://api.example.com">
// (and that origin must be in the API's Cors:AllowedOrigins).
//
// Its calls are typed with the types generated from openapi.yaml (openapi.d.ts, `npm run contract-types`),
// and ./test.sh type-checks the app against them (`npm run check-web`): a call that sends what the
// contract does not take, or reads what it does not answer, fails the build's tests.

/** @typedef {import('./openapi').components['schemas']} Schemas */
/** @typedef {import('./openapi').paths} Paths */
/** @typedef {Schemas['JourneyStatus']} JourneyStatus */
/** @typedef {Schemas['Problem']} Problem */
/** @typedef {{ journeyId: string, journeyToken: string }} Journey */
/** @typedef {'/phone-code' | '/phone-code/resend' | '/email-confirmation/resend' | '/profile' | '/verification' | '/deposit-amounts'} InputRoute */
/**
 * The JSON body a journey's input route takes (`suffix`: '/phone-code', '/profile', ...), from the contract.
 * @template {InputRoute} S
 * @typedef {Paths[`/api/journeys/{journeyId}${S}`]['post'] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never} InputBody
 */

const base = (/** @type {HTMLMetaElement | null} */ (document.querySelector('meta[name="onboarding-api"]'))?.content ?? '').replace(/\/$/, '');

/** A problem+json answer (or no answer at all: status 0, code "network"). */
export class ApiError extends Error {
  /** @param {number} status @param {Problem | null} problem @param {number | null} retryAfter */
  constructor(status, problem, retryAfter) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? 'network' : 'unknown');
    this.detail = problem?.detail ?? null;
    this.errors = problem?.errors ?? null;
    this.problem = problem ?? {};
    this.retryAfter = retryAfter; // seconds, or null
  }
}

let pending = 0;
function busy(delta) {
  pending += delta;
  document.documentElement.dataset.busy = pending > 0 ? '1' : '0';
}

export function url(path) {
  return base + path;
}

function retryAfterOf(response) {
  const value = response.headers.get('Retry-After');
  const seconds = value && /^\d+$/.test(value) ? Number(value) : null;
  return seconds;
}

/**
 * @param {string} method
 * @param {string} path
 * @param {{ token?: string, body?: unknown, headers?: Record<string, string> }} [options]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function call(method, path, { token, body, headers } = {}) {
  /** @type {RequestInit & { headers: Record<string, string> }} */
  const request = { method, cache: 'no-store', headers: { Accept: 'application/json', ...headers } };
  if (token) request.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  busy(1);
  try {
    let response;
    try {
      response = await fetch(url(path), request);
    } catch {
      throw new ApiError(0, null, null);
    }
    const type = response.headers.get('Content-Type') ?? '';
    const json = type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) throw new ApiError(response.status, json, retryAfterOf(response));
    return { status: response.status, body: json };
  } finally {
    busy(-1);
  }
}

/** @param {Journey} journey @param {string} [suffix] */
const journeyPath = (journey, suffix = '') => `/api/journeys/${encodeURIComponent(journey.journeyId)}${suffix}`;

/** A key per distinct start request: a retry of the same form (a lost answer) replays instead of starting twice. */
/** @type {{ body: string | null, key: string | null }} */
let lastStart = { body: null, key: null };

/**
 * @param {Schemas['StartJourneyRequest']} body
 * @returns {Promise<Schemas['StartJourneyResponse']>}
 */
export async function startJourney(body) {
  const json = JSON.stringify(body);
  if (lastStart.body !== json) lastStart = { body: json, key: crypto.randomUUID() };
  return (await call('POST', '/api/journeys', { body, headers: { 'Idempotency-Key': lastStart.key } })).body;
}

/** A new registration after one ended: the same form must start a new journey, not replay the last. */
export function forgetLastStart() {
  lastStart = { body: null, key: null };
}

/**
 * What a start may name (languages, regions, nationalities, SMS countries) and whom to ask, as the server is configured.
 * @returns {Promise<Schemas['RegistrationOptions']>}
 */
export const getRegistrationOptions = async () => (await call('GET', '/api/registration-options')).body;

/**
 * Asks for a way back into the running journey of an address, by e-mail: 202 alike for every address.
 * @param {Schemas['ResumeLinkRequest']['email']} email
 * @returns {Promise<number>}
 */
export const requestResumeLink = async (email) => (await call('POST', '/api/resume-links', { body: { email } })).status;

/**
 * Uses a way back (a message's link, or a confirmation's resumeToken): this device's journey id, token and status.
 * @param {string} journeyId
 * @param {Schemas['ResumeRequest']['token']} token
 * @returns {Promise<Schemas['StartJourneyResponse']>}
 */
export async function resumeJourney(journeyId, token) {
  return (await call('POST', `/api/journeys/${encodeURIComponent(journeyId)}/resume`, { body: { token } })).body;
}

/** @type {(journey: Journey) => Promise<JourneyStatus>} */
export const getStatus = async (journey) => (await call('GET', journeyPath(journey), { token: journey.journeyToken })).body;

/**
 * An input: the answer's status (200: applied; 202: not yet, the live status follows).
 * @template {InputRoute} S
 * @param {Journey} journey
 * @param {S} suffix
 * @param {InputBody<S>} [body]
 * @returns {Promise<JourneyStatus>}
 */
export const submit = async (journey, suffix, body) => (await call('POST', journeyPath(journey, suffix), { token: journey.journeyToken, body })).body;

/** @type {(journey: Journey) => Promise<JourneyStatus>} */
export const cancelJourney = async (journey) => (await call('DELETE', journeyPath(journey), { token: journey.journeyToken })).body;

/** @type {(journey: Journey) => Promise<void>} */
export const eraseJourney = async (journey) => (await call('POST', journeyPath(journey, '/erase'), { token: journey.journeyToken })).body;

/**
 * The e-mail link's confirmation: authorised by the link's token, not the journey token (another
 * device). A taken confirmation's body carries `resumeToken`, this device's way into the journey.
 * @param {string} journeyId
 * @param {Schemas['EmailConfirmationRequest']['token']} token
 * @returns {Promise<{ status: number, body: Schemas['EmailConfirmed'] }>}
 */
export async function confirmEmail(journeyId, token) {
  return call('POST', `/api/journeys/${encodeURIComponent(journeyId)}/email-confirmation`, { body: { token } });
}

/** @param {Journey} journey */
export const eventsUrl = (journey) => url(journeyPath(journey, '/events'));
