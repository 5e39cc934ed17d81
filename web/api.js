// The HTTP contract (openapi.yaml) as the app uses it. Same origin by default; a copy of the app
// on another origin names the API in <meta name="onboarding-api" content="https://api.example.com">
// (and that origin must be in the API's Cors:AllowedOrigins).

const base = (document.querySelector('meta[name="onboarding-api"]')?.content ?? '').replace(/\/$/, '');

/** A problem+json answer (or no answer at all: status 0, code "network"). */
export class ApiError extends Error {
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

export async function call(method, path, { token, body, headers } = {}) {
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

const journeyPath = (journey, suffix = '') => `/api/journeys/${encodeURIComponent(journey.journeyId)}${suffix}`;

/** A key per distinct start request: a retry of the same form (a lost answer) replays instead of starting twice. */
let lastStart = { body: null, key: null };

export async function startJourney(body) {
  const json = JSON.stringify(body);
  if (lastStart.body !== json) lastStart = { body: json, key: crypto.randomUUID() };
  return (await call('POST', '/api/journeys', { body, headers: { 'Idempotency-Key': lastStart.key } })).body;
}

/** A new registration after one ended: the same form must start a new journey, not replay the last. */
export function forgetLastStart() {
  lastStart = { body: null, key: null };
}

/** What a start may name (languages, regions, nationalities, SMS countries) and whom to ask, as the server is configured. */
export const getRegistrationOptions = async () => (await call('GET', '/api/registration-options')).body;

/** Asks for a way back into the running journey of an address, by e-mail: 202 alike for every address. */
export const requestResumeLink = async (email) => (await call('POST', '/api/resume-links', { body: { email } })).status;

/** Uses a way back (a message's link, or a confirmation's resumeToken): this device's { journeyId, journeyToken, status }. */
export async function resumeJourney(journeyId, token) {
  return (await call('POST', `/api/journeys/${encodeURIComponent(journeyId)}/resume`, { body: { token } })).body;
}

export const getStatus = async (journey) => (await call('GET', journeyPath(journey), { token: journey.journeyToken })).body;

/** An input: the answer's status (200: applied; 202: not yet, the live status follows). */
export const submit = async (journey, suffix, body) => (await call('POST', journeyPath(journey, suffix), { token: journey.journeyToken, body })).body;

export const cancelJourney = async (journey) => (await call('DELETE', journeyPath(journey), { token: journey.journeyToken })).body;

export const eraseJourney = async (journey) => (await call('POST', journeyPath(journey, '/erase'), { token: journey.journeyToken })).body;

/**
 * The e-mail link's confirmation: authorised by the link's token, not the journey token (another
 * device). A taken confirmation's body carries `resumeToken`, this device's way into the journey.
 */
export async function confirmEmail(journeyId, token) {
  return call('POST', `/api/journeys/${encodeURIComponent(journeyId)}/email-confirmation`, { body: { token } });
}

export const eventsUrl = (journey) => url(journeyPath(journey, '/events'));
