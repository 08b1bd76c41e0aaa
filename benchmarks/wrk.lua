-- The wrk script of `benchmarks.load.drive_wrk`: one connection per wrk thread, each a
-- visitor of its own (its cookie, its pages in turn, the ETags it saw when revalidating).
-- The visitors come from the file named by BENCH_WRK_VISITORS, one a line: the cookie
-- ("-" for none), then the paths, separated by tabs. BENCH_WRK_REVALIDATE=1 sends back
-- each page's ETag as If-None-Match. At the end it prints the figures as one JSON line.

local visitors = {}
for line in io.lines(os.getenv("BENCH_WRK_VISITORS")) do
  local fields = {}
  for field in line:gmatch("[^\t]+") do
    fields[#fields + 1] = field
  end
  visitors[#visitors + 1] = fields
end
local threads = {}

function setup(thread)
  local visitor = visitors[#threads % #visitors + 1]
  local paths = {}
  for index = 2, #visitor do
    paths[#paths + 1] = visitor[index]
  end
  thread:set("cookie", visitor[1])
  thread:set("paths", paths)
  thread:set("revalidate", os.getenv("BENCH_WRK_REVALIDATE") == "1")
  threads[#threads + 1] = thread
end

function init(args)
  made, wrong, not_modified, etags = 0, 0, 0, {}
end

function request()
  made = made + 1
  last_path = paths[(made - 1) % #paths + 1]
  local headers = {}
  if cookie ~= "-" then
    headers["Cookie"] = cookie
  end
  if revalidate and etags[last_path] then
    headers["If-None-Match"] = etags[last_path]
  end
  return wrk.format("GET", last_path, headers)
end

function response(status, headers, body)
  if status == 304 then
    not_modified = not_modified + 1
  elseif status ~= 200 then
    wrong = wrong + 1
  end
  if revalidate and headers["ETag"] then
    etags[last_path] = headers["ETag"]
  end
end

function done(summary, latency, requests)
  local wrong_total, not_modified_total = 0, 0
  for _, thread in ipairs(threads) do
    wrong_total = wrong_total + thread:get("wrong")
    not_modified_total = not_modified_total + thread:get("not_modified")
  end
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "errors": %d, "not_modified": %d, "seconds": %.6f, '
      .. '"p50_us": %d, "p95_us": %d}\n',
    summary.requests, wrong_total + failed, not_modified_total, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(95)
  ))
end
