-- wrk hooks for `make bench`: count every answer that is not 200 (wrk itself counts
-- only socket errors and statuses >= 400, so a redirect to the login page would pass
-- unnoticed) and print one JSON line with the figures the runner reads.
--
-- Arguments after `--`, each optional: `cookies=FILE` and `paths=FILE`
-- (`wrk ... -s report.lua URL -- cookies=cookies.txt paths=paths.txt`).
--
-- Signed-in scenarios pass a file with one "Cookie" header value per line: the requests
-- take them in turn, as many staff members with their own sessions would. With one
-- shared session every request would wait for the previous one's session write on the
-- same row.
--
-- Scenarios that are a mix of requests (the finder's questions in several towns, several
-- search words) pass a file with one path (and query string) per line: the requests take
-- them in turn, each thread starting at another place of the list. Without it every
-- request asks for the URL given to wrk.

local threads = {}
local cookies = {}
local paths = {}
local next_cookie = 0
local next_path = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

local function read_lines(file)
  local lines = {}
  for line in io.lines(file) do
    if line ~= "" then
      table.insert(lines, line)
    end
  end
  return lines
end

function init(args)
  not_ok = 0
  for _, arg in ipairs(args) do
    local key, value = string.match(arg, "^(%w+)=(.+)$")
    if key == "cookies" then
      cookies = read_lines(value)
    elseif key == "paths" then
      paths = read_lines(value)
    end
  end
  local offset = thread_number or 1
  if #cookies > 0 then
    next_cookie = math.random(#cookies)
  end
  if #paths > 0 then
    -- Threads start apart, so that at any moment the connections ask different things.
    next_path = (offset - 1) * math.floor(#paths / 2) % #paths
  end
end

function request()
  if #cookies == 0 and #paths == 0 then
    return wrk.format()
  end
  local path = nil
  local headers = nil
  if #paths > 0 then
    next_path = next_path % #paths + 1
    path = paths[next_path]
  end
  if #cookies > 0 then
    next_cookie = next_cookie % #cookies + 1
    headers = { ["Cookie"] = cookies[next_cookie] }
  end
  return wrk.format(nil, path, headers)
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
