-- Shared by every scenario: thread numbering and the JSON summary.
-- wrk runs setup() in the main Lua state and init()/request() in each thread.
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,' ..
    '"errors_write":%d,"errors_status":%d,"errors_timeout":%d,"p50_us":%d,"p95_us":%d,' ..
    '"p99_us":%d,"mean_us":%.1f,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max))
end

-- Lines of a file written by bench/run.py, every n-th from offset k (one share per thread).
function read_share(path, k, n)
  local rows, i = {}, 0
  for line in io.lines(path) do
    if i % n == k then rows[#rows + 1] = line end
    i = i + 1
  end
  return rows
end
