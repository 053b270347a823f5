-- aterremitterad: reports returned for completion (återremitterade) that have not been
-- resubmitted 5 days later. The author gets one reminder per return, with a link to the report;
-- a report returned again later gets a reminder for that return too. Reminders are caught up
-- for a week, no longer: a report returned long ago is the officer's to follow up.

local common = require("reminders.lib.common")

local DAYS, CATCH_UP = 5, 7

return {
  id = "aterremitterad",
  description = "En återremitterad rapport har inte skickats in igen efter fem dagar.",
  schedule = { days_after = DAYS, at = "08:00", catch_up_days = CATCH_UP },
  channels = { "in_app", "epost", "sms" },

  targets = function(ctx)
    local list = {}
    -- Only returns that can be due now (5 to 5 + 7 days ago): the host checks the exact window.
    local returned = reports.returned{ from = calendar.add_days(ctx.today, -(DAYS + CATCH_UP)), to = calendar.add_days(ctx.today, -DAYS) }
    for _, report in ipairs(returned) do
      list[#list + 1] = {
        to = { user = report.authorId }, since = report.returnedOn, period = "rapport:" .. report.id .. ":" .. report.returnedOn,
        link = "/rapporter/" .. report.id, caseNumber = report.caseNumber, reportPeriod = report.period,
      }
    end
    return list
  end,

  message = function(reminder, ctx)
    local what = reminder.reportPeriod and ("rapport för " .. common.month_name(reminder.reportPeriod)) or "rapport"
    local case = reminder.caseNumber and (" (ärende " .. reminder.caseNumber .. ")") or ""
    local body = ("%s\n\nDin %s%s skickades tillbaka för komplettering %s och har inte skickats in igen. "
      .. "Läs handläggarens kommentar, komplettera rapporten och skicka in den igen.")
      :format(common.greeting(reminder.who), what, case, common.long_date(reminder.since, ctx.today))
    return {
      subject = "Påminnelse: komplettera din " .. what,
      body = body,
      sms = ("Påminnelse: din %s%s väntar på komplettering. Logga in och skicka in den igen."):format(what, case),
    }
  end,
}
