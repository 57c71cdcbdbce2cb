-- Cycles every connection through `paths` (set above this code by bench/load.py) and
-- counts the responses per HTTP status over all threads.
local threads = {}

setup = function(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

init = function(args)
  counter = offset * 7
  statuses = {}
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

response = function(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

bench_statuses = function()
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    table.insert(parts, string.format('"%s": %d', status, n))
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end
