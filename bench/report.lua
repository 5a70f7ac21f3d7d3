-- wrk hooks for `make bench`: count every answer that is not 200 (wrk itself counts
-- only socket errors and statuses >= 400, so a redirect to the login page would pass
-- unnoticed) and print one JSON line with the figures the runner reads.
--
-- Signed-in scenarios pass a file with one "Cookie" header value per line
-- (`wrk ... -s report.lua URL -- cookies.txt`): the requests take them in turn, as many
-- staff members with their own sessions would. With one shared session every request
-- would wait for the previous one's session write on the same row.

local threads = {}
local cookies = {}
local next_cookie = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
  if args[1] then
    for line in io.lines(args[1]) do
      table.insert(cookies, line)
    end
    next_cookie = math.random(#cookies)
  end
end

function request()
  if #cookies == 0 then
    return wrk.format()
  end
  next_cookie = next_cookie % #cookies + 1
  return wrk.format(nil, nil, { ["Cookie"] = cookies[next_cookie] })
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local not_ok_total = 0
  for _, thread in ipairs(threads) do
    not_ok_total = not_ok_total + thread:get("not_ok")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, '
      .. '"read": %d, "write": %d, "timeout": %d, "status": %d, "not_ok": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.timeout, e.status, not_ok_total,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max
  ))
end
