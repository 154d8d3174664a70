/**
 * The browser example's script (docs/client.md): bundled to app.js by serve.ts with esbuild.
 * The key stays in the form: nothing is stored, and nothing the gateway says is read as HTML.
 */
import { createNumtrustClient, type NumtrustClient } from 'numtrust/client';

const form = document.querySelector<HTMLFormElement>('#assess')!;
const verdict = document.querySelector<HTMLOutputElement>('#verdict')!;
const reasons = document.querySelector<HTMLUListElement>('#reasons')!;

function show(headline: string, lines: string[]): void {
  verdict.textContent = headline;
  reasons.replaceChildren(...lines.map((line) => Object.assign(document.createElement('li'), { textContent: line })));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const field = (name: string) => form.querySelector<HTMLInputElement>(`input[name=${name}]`)!.value.trim();
  let numtrust: NumtrustClient;
  try {
    numtrust = createNumtrustClient({ baseUrl: field('baseUrl'), apiKey: field('apiKey') });
  } catch (mistake) {
    show('Check the form', [(mistake as Error).message]);
    return;
  }
  show('Assessing…', []);
  void numtrust
    .assess({ phoneNumber: field('phoneNumber'), context: { channel: 'agent', ...(field('action') ? { action: field('action') } : {}) } })
    .then(({ data, error }) => {
      if (error) {
        // In a browser a refused CORS request is a NETWORK_ERROR too: the page cannot tell them apart.
        const hint = error.code === 'NETWORK_ERROR' ? ` Is ${location.origin} in the gateway's NUMTRUST_CORS_ORIGINS?` : '';
        show(`No verdict: ${error.code}`, [`${error.message}${hint}`]);
        return;
      }
      show(`${data.recommendation} (confidence ${data.confidence})`, data.reasons.map((reason) => `${reason.code}: ${reason.message}`));
    });
});
