-- wrk: what every run of the web benchmark prints at the end, in one line the script reads:
--   RESULT requests=N seconds=S rps=R p50=MS p99=MS errors=E non2xx3xx=N
-- (percentiles of the latency in milliseconds). Loaded by get.lua and submit.lua.
local report = {}

function report.done(summary, latency, _)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50=%.2f p99=%.2f errors=%d non2xx3xx=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errors, summary.errors.status))
end

return report
