-- wrk script for bench/notes.ts: sends prepared requests in turn and writes the latency
-- distribution where the benchmark reads it.
--
-- WRK_REQUESTS: a file of complete HTTP requests separated by NUL bytes (each with its own
--   cookie, Origin and body: the 32 clients' requests, interleaved), written by the benchmark.
-- WRK_OUTPUT: where done() writes "requests <n>", "durationUs <n>", "bytes <n>", "errors <n>"
--   (socket errors and timeouts), "status <n>" (answers with a status over 399), "max <µs>",
--   then one line per quantile "q <value µs>" (1,000 evenly spaced quantiles, from which the
--   benchmark merges its rounds).
--
-- Each thread starts at its own offset in the list, so the two threads do not send the same
-- request at once.

local requests = {}
local position = 0
local offset = 0
local count = 0

function setup(thread)
  thread:set("offset", count)
  count = count + 1
end

function init(args)
  local file = assert(io.open(os.getenv("WRK_REQUESTS"), "rb"))
  local data = file:read("*a")
  file:close()
  for raw in string.gmatch(data, "([^%z]+)") do
    requests[#requests + 1] = raw
  end
  position = math.floor(offset * #requests / 2)
end

function request()
  position = position + 1
  return requests[(position % #requests) + 1]
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("WRK_OUTPUT"), "w"))
  local errors = summary.errors
  out:write(string.format("requests %d\n", summary.requests))
  out:write(string.format("durationUs %d\n", summary.duration))
  out:write(string.format("bytes %d\n", summary.bytes))
  out:write(string.format("errors %d\n", errors.connect + errors.read + errors.write + errors.timeout))
  out:write(string.format("status %d\n", errors.status))
  out:write(string.format("max %d\n", latency.max))
  for k = 1, 1000 do
    out:write(string.format("q %d\n", latency:percentile((k - 0.5) / 10)))
  end
  out:close()
end
