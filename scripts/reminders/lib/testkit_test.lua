local testkit = require("reminders.lib.testkit")

testkit.world{
  people = { [1] = { firstName = "Anna", lastName = "A" }, [2] = { firstName = "Bo", lastName = "B", protected = true } },
  users = { [10] = { displayName = "Anna A", roles = { "reporter" }, personId = 1 },
    [11] = { displayName = "Bo B", roles = { "reporter" }, personId = 2 },
    [20] = { displayName = "Olle", roles = { "officer" }, organisation = 5, office = 6 } },
  enrolments = { { id = 1, personId = 1, programme = "etablering", start = "2025-09-15" },
    { id = 2, personId = 2, programme = "etablering", start = "2025-10-02", actualEnd = "2025-10-20" } },
  reports = { { id = 3, enrolmentId = 1, templateId = "t", period = "2025-09", status = "returned", authorId = 10,
    history = { { status = "draft", at = "2025-10-01T08:00:00Z" }, { status = "returned", at = "2025-10-05T08:00:00Z" } } } },
  plans = { { enrolmentId = 1, kind = "iup" } },
}

-- The fakes answer as the real modules do for the system.
assert(people.get(1).firstName == "Anna" and people.get(2).isMasked and people.get(2).firstName == "Skyddad identitet")
assert(users.get(11).displayName == "Skyddad identitet" and users.get(11).personId == nil)
assert(#users.list{ organisation = 5, role = "officer" } == 1 and #users.list{ office = 6, role = "reporter" } == 0)
assert(#enrolments.active{ on = "2025-10-01", programme = "etablering" } == 1)
assert(#reports.missing{ period = "2025-10", template = "t" } == 2)
assert(#reports.missing{ period = "2025-09", template = "t" } == 0, "a returned report is handed in")
assert(reports.find{ status = "returned" }[1].personId == 1)
assert(reports.history(3)[2].status == "returned")
assert(plans.current(1, "iup") and plans.current(1, "genomforandeplan") == nil)
-- The set-based questions: by start date and a list of programmes, by ids, returned by day.
assert(#enrolments.active{ on = "2025-10-03", programme = { "lss", "etablering" }, started_from = "2025-10-01" } == 1)
assert(#enrolments.active{ on = "2025-10-03", started_to = "2025-09-30" } == 1)
local listed = enrolments.list{ 2, 99, 1 }
assert(#listed == 2 and listed[1].id == 1 and listed[2].id == 2)
local returned = reports.returned{ from = "2025-10-05", to = "2025-10-05" }
assert(#returned == 1 and returned[1].returnedOn == "2025-10-05" and returned[1].returnedAt == "2025-10-05T08:00:00Z")
assert(#reports.returned{ from = "2025-10-06", to = "2025-10-12" } == 0)
local none = reports.awaiting_review_counts{ period = "2025-09" }
assert(#none == 0, "a returned report is not waiting")
-- Whom a message greets: the user's first word, nothing for a protected identity.
assert(testkit.who({ user = 10 }).firstName == "Anna" and testkit.who({ user = 11 }).isMasked)
assert(testkit.who({ person = 1 }).firstName == "Anna" and testkit.who({ user = 99 }).firstName == nil)
assert(not pcall(people.get, 99))

-- testkit.run takes the host's steps around a rule's two functions.
local rule = {
  id = "test", schedule = { every_working_day = true, at = "09:00" }, channels = { "in_app" },
  targets = function(ctx) return { { to = { user = 10 }, link = "/mina-sidor", day = ctx.occasion.date } } end,
  message = function(r) return { subject = "Ämne " .. r.day, body = "Text till " .. r.who.firstName } end,
}
assert(testkit.run(rule, "2025-10-11")[1].step == "every_working_day:2025-10-10", "Saturday catches up Friday")
local sent = testkit.run(rule, "2025-10-14T09:00")
assert(#sent == 1 and sent[1].subject == "Ämne 2025-10-14" and sent[1].period == "2025-10" and sent[1].recipient == "user:10")
assert(sent[1].sms == "Text till Anna" and sent[1].channels[1] == "in_app")
assert(testkit.find(sent, "recipient", "user:10") == sent[1])

-- A mistake in a reminder is named by its place.
local bad = { id = "bad", schedule = { every_day = true }, channels = { "in_app" }, message = rule.message,
  targets = function() return { { to = { user = 10 }, link = "/personer/199001011234" } } end }
local ok, err = pcall(testkit.run, bad, "2025-10-14")
assert(not ok and err:find("targets%[1%]%.link: ten digits or more in a row could be a personnummer"), err)

return "ok"
