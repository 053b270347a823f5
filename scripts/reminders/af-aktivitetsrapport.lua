-- af-aktivitetsrapport: participants in the establishment programme who have not submitted
-- their activity report for last month (DOMAIN.md §1). The window is the 1st to the 14th of
-- the month after; they are reminded on the 10th and again on the 13th. A 10th or 13th that is
-- not a working day moves to the working day before, so both reminders come before the window
-- closes. The report matters for the participant's benefit: the text says so.

local common = require("reminders.lib.common")

local TEMPLATE, PROGRAMME = "af-aktivitetsrapport", "etablering"

return {
  id = "af-aktivitetsrapport",
  description = "Aktivitetsrapporten för förra månaden är inte inskickad (dag 10 och 13).",
  schedule = { day_of_month = { 10, 13 }, if_not_working_day = "previous", at = "08:00" },
  channels = { "in_app", "epost", "sms" },

  targets = function(ctx)
    local period = common.previous_period(ctx.occasion.date)
    local deadline = common.day_after_period(period, 14)
    local list, seen = {}, {}
    for _, enrolment in ipairs(reports.missing{ period = period, template = TEMPLATE, programme = PROGRAMME }) do
      -- The participant reports themself: their login, or — without one — their person.
      local to = enrolment.reporterId and { user = enrolment.reporterId } or { person = enrolment.personId }
      local key = to.user and ("u" .. to.user) or ("p" .. to.person)
      if not seen[key] then
        seen[key] = true
        list[#list + 1] = { to = to, period = period, deadline = deadline, link = "/mina-sidor" }
      end
    end
    return list
  end,

  message = function(reminder, ctx)
    local month = common.month_name(reminder.period)
    local last = reminder.step == "day_of_month:13"
    local when = common.when(reminder.deadline, ctx.today)
    local subject = (last and "Sista påminnelsen: " or "Påminnelse: ") .. "aktivitetsrapporten för " .. month
    local body = ("%s\n\nDu har ännu inte skickat in din aktivitetsrapport för %s. Skicka in den senast %s. "
      .. "Rapporten behövs för din etableringsersättning.\n\nLogga in på Mina sidor för att skicka in den.")
      :format(common.greeting(reminder.who), month, when)
    local sms = ("Påminnelse från Arbetsförmedlingen: skicka in aktivitetsrapporten för %s senast %s."):format(month, when)
    return { subject = subject, body = body, sms = sms }
  end,
}
