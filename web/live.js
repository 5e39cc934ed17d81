// Live status: the journey's event stream (GET .../events, Server-Sent Events) read with fetch, so
// that the journey token travels in the Authorization header and never in a URL (EventSource
// cannot send headers). Reconnects with Last-Event-ID when the server ends a connection; when the
// stream cannot be had (a proxy that buffers, a network that drops it), polls GET instead for a
// while and then tries the stream again.

import { ApiError, eventsUrl, getStatus } from './api.js';

const POLL_EVERY_MS = 2000;
const POLL_FOR_MS = 30000;

const sleep = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
});

/** Parses a text/event-stream body, calling onEvent({ id, event, data }) per event and onRetry(ms). */
async function readEvents(body, onEvent, onRetry) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { id: null, event: 'message', data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (event.data.length > 0) onEvent({ id: event.id, event: event.event, data: event.data.join('\n') });
        event = { id: event.id, event: 'message', data: [] };
        continue;
      }
      if (line.startsWith(':')) continue; // a comment: keep-alive
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') event.data.push(text);
      else if (field === 'event') event.event = text;
      else if (field === 'id') event.id = text;
      else if (field === 'retry' && /^\d+$/.test(text)) onRetry(Number(text));
    }
  }
}

/**
 * Watches a journey until stop() is called: onStatus(status) for every status, onMode('stream' |
 * 'polling'), onGone() when the journey answers 401/404 (erased, or the token is no longer valid).
 */
export function watch(journey, { onStatus, onMode, onGone }) {
  const stopping = new AbortController();
  const signal = stopping.signal;
  let lastEventId = null;
  let retryMs = 1000;

  async function poll() {
    onMode('polling');
    const until = Date.now() + POLL_FOR_MS;
    while (!signal.aborted && Date.now() < until) {
      try {
        onStatus(await getStatus(journey));
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 404)) { onGone(); return false; }
      }
      await sleep(POLL_EVERY_MS, signal);
    }
    return true;
  }

  async function run() {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${journey.journeyToken}` };
        if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch(eventsUrl(journey), { headers, signal, cache: 'no-store' });
        if (response.status === 401 || response.status === 404) { onGone(); return; }
        if (!response.ok || !response.body) throw new Error(`event stream: HTTP ${response.status}`);
        onMode('stream');
        failures = 0;
        await readEvents(response.body, (event) => {
          if (event.id !== null) lastEventId = event.id;
          if (event.event === 'status') onStatus(JSON.parse(event.data));
        }, (ms) => { retryMs = ms; });
        await sleep(retryMs, signal); // the server ended this connection: resume where it left off
      } catch {
        if (signal.aborted) return;
        failures += 1;
        if (failures >= 2) {
          if (!(await poll())) return;
          failures = 0;
        } else {
          await sleep(retryMs, signal);
        }
      }
    }
  }

  run();
  return { stop: () => stopping.abort() };
}
