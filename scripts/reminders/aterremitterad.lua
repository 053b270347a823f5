-- aterremitterad: reports returned for completion (återremitterade) that have not been
-- resubmitted 5 days later. The author gets one reminder per return, with a link to the report;
-- a report returned again later gets a reminder for that return too. Reminders are caught up
-- for a week, no longer: a report returned long ago is the officer's to follow up.

local common = require("reminders.lib.common")

local DAYS = 5

return {
  id = "aterremitterad",
  description = "En återremitterad rapport har inte skickats in igen efter fem dagar.",
  schedule = { days_after = DAYS, at = "08:00", catch_up_days = 7 },
  channels = { "in_app", "epost", "sms" },

  targets = function(ctx)
    local list = {}
    for _, report in ipairs(reports.find{ status = "returned", limit = 10000 }) do
      local returned_on
      for _, change in ipairs(reports.history(report.id)) do
        if change.status == "returned" then returned_on = common.local_date(change.at) end
      end
      -- Only returns that can be due now: the host checks the exact window.
      if returned_on and calendar.days_between(returned_on, ctx.today) >= DAYS then
        list[#list + 1] = {
          to = { user = report.authorId }, since = returned_on, period = "rapport:" .. report.id .. ":" .. returned_on,
          link = "/rapporter/" .. report.id, caseNumber = report.caseNumber, reportPeriod = report.period,
        }
      end
    end
    return list
  end,

  message = function(reminder, ctx)
    local what = reminder.reportPeriod and ("rapport för " .. common.month_name(reminder.reportPeriod)) or "rapport"
    local case = reminder.caseNumber and (" (ärende " .. reminder.caseNumber .. ")") or ""
    local body = ("%s\n\nDin %s%s skickades tillbaka för komplettering %s och har inte skickats in igen. "
      .. "Läs handläggarens kommentar, komplettera rapporten och skicka in den igen.")
      :format(common.greeting(users.get(reminder.to.user)), what, case, common.long_date(reminder.since, ctx.today))
    return {
      subject = "Påminnelse: komplettera din " .. what,
      body = body,
      sms = ("Påminnelse: din %s%s väntar på komplettering. Logga in och skicka in den igen."):format(what, case),
    }
  end,
}
