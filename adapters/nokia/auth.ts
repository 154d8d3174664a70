/** Network as Code is reached through RapidAPI: the application's key and the listing's host on every request. */
import type { NokiaProviderConfig } from './config.ts';

export function rapidApiCredentials(config: NokiaProviderConfig): Record<string, string> {
  return { 'x-rapidapi-key': config.rapidApiKey, 'x-rapidapi-host': config.rapidApiHost };
}
