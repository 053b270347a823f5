-- wrk: GET of one path, with the session cookie from $COOKIE when set (the form page) or none
-- (the hello-world route).
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local report = require("report")

local cookie = os.getenv("COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end

done = report.done
