-- wrk: POST of a submission, as the preview's "Skicka in" button sends it: the CSRF token of the
-- session and the report's revision. Every request submits a fresh draft, complete and valid,
-- from the ids $FIRST..$LAST (made beforehand by drafts.lua); the threads take turns, so no
-- draft is submitted twice while fresh ones remain. Past $LAST they start over, and those are
-- second submissions (the same receipt, cheap): run.sh counts the fresh ones and says so.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local report = require("report")

local first, last = tonumber(os.getenv("FIRST")), tonumber(os.getenv("LAST"))
local body = "csrf=" .. os.getenv("CSRF") .. "&revision=1"
local headers = { ["Cookie"] = os.getenv("COOKIE"), ["Content-Type"] = "application/x-www-form-urlencoded" }
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(_)
  -- Each thread takes every n-th id from its own first one: n is the number of threads (-t).
  stride = tonumber(os.getenv("THREADS"))
  nextId = first + offset
end

function request()
  local id = nextId
  nextId = nextId + stride
  if nextId > last then nextId = first + offset end
  return wrk.format("POST", "/rapporter/" .. id .. "/skicka-in", headers, body)
end

done = report.done
