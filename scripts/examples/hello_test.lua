-- hello_test.lua: checks hello.lua. Run it from the repository root:
--   redovisa script run scripts/examples/hello_test.lua --as-of 2025-10-14

local greeting = require("examples.hello") -- scripts/examples/hello.lua

-- Given the host's clock, when hello.lua runs, then it greets with today's date.
assert(type(greeting) == "string", "hello.lua should return a string")
assert(greeting == "Hej! I dag är det " .. clock.today() .. ".", greeting)

-- The date is the host's "YYYY-MM-DD": a plain text pattern checks its shape.
assert(greeting:match("^Hej! I dag är det %d%d%d%d%-%d%d%-%d%d%.$"), greeting)

return "ok"
