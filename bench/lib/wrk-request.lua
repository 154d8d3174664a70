-- wrk script for the numtrust benches, set by environment variables (see bench/lib/wrk.ts):
-- BENCH_METHOD, BENCH_HEADERS ("name: value" lines), BENCH_BODY (with {n} replaced by a counter
-- 1..BENCH_VARY when BENCH_VARY > 0), BENCH_DELAY_MIN_MS..BENCH_DELAY_MAX_MS (think time before each
-- request on a connection). Prints one line: BENCH_RESULT {json}, latencies in microseconds.
local template = os.getenv("BENCH_BODY") or ""
local vary = tonumber(os.getenv("BENCH_VARY") or "0")
local delayMin = tonumber(os.getenv("BENCH_DELAY_MIN_MS") or "0")
local delayMax = tonumber(os.getenv("BENCH_DELAY_MAX_MS") or "0")

wrk.method = os.getenv("BENCH_METHOD") or "GET"
for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
  local name, value = string.match(line, "^([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end
if template ~= "" then wrk.body = template end

if vary > 0 then
  local counter = 0
  request = function()
    counter = counter + 1
    local body = string.gsub(template, "{n}", tostring((counter % vary) + 1))
    return wrk.format(nil, nil, nil, body)
  end
end

if delayMax > 0 then
  delay = function()
    return math.random(delayMin, delayMax)
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"durationUs":%d,"non2xx":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d,' ..
    '"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
