local common = require("reminders.lib.common")

assert(common.previous_period("2025-10-10") == "2025-09")
assert(common.previous_period("2026-01-05") == "2025-12")
assert(common.next_period("2025-12") == "2026-01")
assert(common.day_after_period("2025-09", 14) == "2025-10-14")
assert(common.month_name("2025-09") == "september 2025")
assert(common.long_date("2025-10-14") == "tisdag 14 oktober")
assert(common.long_date("2026-01-02", "2025-12-30") == "fredag 2 januari 2026")
assert(common.when("2025-10-14", "2025-10-14") == "i dag, tisdag 14 oktober")
assert(common.when("2025-10-15", "2025-10-14") == "i morgon, onsdag 15 oktober")
assert(common.when("2025-10-17", "2025-10-14") == "fredag 17 oktober")
assert(common.greeting({ firstName = "Anna", isMasked = false }) == "Hej Anna!")
assert(common.greeting({ displayName = "Karin Lund" }) == "Hej Karin!")
assert(common.greeting({ firstName = "Skyddad identitet", isMasked = true }) == "Hej!")
assert(common.greeting(nil) == "Hej!")
assert(common.count(1, "kund", "kunder") == "en kund" and common.count(3, "kund", "kunder") == "3 kunder")

local groups = common.group({ { p = 2 }, { p = 1 }, { p = 2 }, { p = nil } }, function(x) return x.p end)
assert(#groups == 2 and groups[1].key == 2 and #groups[1].items == 2 and groups[2].key == 1)

-- Reminders for provider staff: one per staff member and deadline, counting the participants.
users = { list = function(options)
  assert(options.role == "provider_staff")
  return options.organisation == 5 and { { id = 51 }, { id = 52 } } or { { id = 61 } }
end }
local staff = common.to_provider_staff({
  { provider = 5, deadline = "2025-10-10" }, { provider = 6, deadline = "2025-10-10" },
  { provider = 5, deadline = "2025-10-10" }, { provider = 5, deadline = "2025-10-17" },
})
assert(#staff == 5, #staff)
assert(staff[1].to.user == 51 and staff[1].count == 2 and staff[1].deadline == "2025-10-10" and staff[1].link == "/mina-sidor")
assert(staff[2].to.user == 52 and staff[3].to.user == 61 and staff[3].count == 1)
assert(staff[4].deadline == "2025-10-17" and staff[4].count == 1)

-- Summer time until the last Sunday of October (26 October 2025), winter time after.
assert(common.local_date("2025-10-03T21:59:00Z") == "2025-10-03")
assert(common.local_date("2025-10-03T22:30:00Z") == "2025-10-04")
assert(common.local_date("2025-11-03T22:30:00Z") == "2025-11-03")
assert(common.local_date("2025-11-03T23:30:00Z") == "2025-11-04")
assert(common.local_date("2025-03-29T22:30:00Z") == "2025-03-29", "the 29th of March 2025 is still winter time")

return "ok"
