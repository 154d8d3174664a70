/**
 * PrometheusMetrics on its own: one registry per instance, label values kept to bounded sets, and
 * breaker states read at scrape time.
 */
import { describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../../src/observability/prometheus.ts';
import type { BreakerState } from '../../src/resilience/breaker.ts';
import { parseExposition, samplesOf, sumOf } from './exposition.ts';

const scrape = async (metrics: PrometheusMetrics) => parseExposition(await metrics.render());

describe('PrometheusMetrics', () => {
  it('keeps a registry per instance: two in one process count apart', async () => {
    const first = new PrometheusMetrics({ processMetrics: false });
    const second = new PrometheusMetrics({ processMetrics: false });
    first.onSingleFlightJoin('albion', 'sim_swap.check');
    first.onSingleFlightJoin('albion', 'sim_swap.check');
    second.onSingleFlightJoin('albion', 'sim_swap.check');
    expect(sumOf(await scrape(first), 'numtrust_single_flight_joins_total')).toBe(2);
    expect(sumOf(await scrape(second), 'numtrust_single_flight_joins_total')).toBe(1);
    expect(samplesOf(await scrape(first), 'process_cpu_user_seconds_total')).toHaveLength(0);
  });

  it('folds unknown methods into OTHER and durations into status classes', async () => {
    const metrics = new PrometheusMetrics({ processMetrics: false });
    metrics.onRequest('unmatched', 'PROPFIND', 404, undefined, 1.5);
    metrics.onRequest('/v1/assessments', 'POST', 503, 'alpha', 2_500);
    const exposition = await scrape(metrics);
    expect(sumOf(exposition, 'numtrust_http_requests_total', { route: 'unmatched', method: 'OTHER', status: '404', tenant: 'none' })).toBe(1);
    const slow = { route: '/v1/assessments', method: 'POST', status_class: '5xx' };
    expect(sumOf(exposition, 'numtrust_http_request_duration_seconds_sum', slow)).toBe(2.5);
    expect(sumOf(exposition, 'numtrust_http_request_duration_seconds_bucket', { ...slow, le: '1' })).toBe(0);
    expect(sumOf(exposition, 'numtrust_http_request_duration_seconds_bucket', { ...slow, le: '2.5' })).toBe(1);
  });

  it('reads every breaker state at scrape time, one series per state, provider ids with colons kept whole', async () => {
    const metrics = new PrometheusMetrics({ processMetrics: false });
    let states: Record<string, BreakerState> = { 'albion:sim_swap.check': 'open', 'acme:eu:roaming.retrieve': 'half_open' };
    metrics.watchBreakers({ states: () => states });

    let exposition = await scrape(metrics);
    const state = (provider: string, operation: string, name: BreakerState) =>
      sumOf(exposition, 'numtrust_breaker_state', { provider, operation, state: name });
    expect(samplesOf(exposition, 'numtrust_breaker_state')).toHaveLength(6);
    expect([state('albion', 'sim_swap.check', 'open'), state('albion', 'sim_swap.check', 'closed')]).toEqual([1, 0]);
    expect([state('acme:eu', 'roaming.retrieve', 'half_open'), state('acme:eu', 'roaming.retrieve', 'open')]).toEqual([1, 0]);

    states = { 'albion:sim_swap.check': 'closed' };
    exposition = await scrape(metrics);
    expect(samplesOf(exposition, 'numtrust_breaker_state')).toHaveLength(3);
    expect(state('albion', 'sim_swap.check', 'closed')).toBe(1);
  });
});
