/**
 * A config the gateway cannot run is refused at start with every bad path named, each in a phrase
 * (the request bodies' own, src/routes/body-issues.ts), never zod's text.
 */
import { expect, it } from 'vitest';
import { ConfigError, parseGatewayConfig } from '../../src/config/load.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { RAW_VALIDATION_TEXT } from '../support/raw-validation-text.ts';
import { thrownBy } from '../support/thrown-by.ts';

it('names every bad path with a phrase saying what it must be', () => {
  const config = { ...embeddedConfig('http://127.0.0.1:9', 'nt_config_errors_key_0123456789'), server: { requestDeadlineMs: 'soon', attemptTimeoutMs: 10 }, colour: 'red' };
  const error = thrownBy(() => parseGatewayConfig(config, {}, 'numtrust.json'));
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as Error).message;
  expect(message).toMatch(/^numtrust\.json is invalid:/);
  expect(message).toMatch(/must be a number\n\s+→ at server\.requestDeadlineMs/);
  expect(message).toMatch(/must be at least 50\n\s+→ at server\.attemptTimeoutMs/);
  expect(message).toMatch(/has an unknown property "colour"/);
  expect(message).not.toMatch(RAW_VALIDATION_TEXT);
});
