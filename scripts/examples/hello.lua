-- hello.lua: the smallest Redovisa script. It asks the host for today's date and returns a
-- greeting. Whatever a script returns is what `redovisa script run` prints.
--
--   redovisa script run scripts/examples/hello.lua --as-of 2025-10-14
--   → "Hej! I dag är det 2025-10-14."

local today = clock.today() -- "YYYY-MM-DD" in Europe/Stockholm, from the host's clock

return ("Hej! I dag är det %s."):format(today)
