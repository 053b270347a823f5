-- lss-kontaktperson: contact persons under LSS whose monthly report for last month is missing
-- (DOMAIN.md §2). The report is due by the 10th of the month after (a late one is still
-- accepted). They are reminded on the 5th working day of the month, which Easter or
-- nationaldagen can push later. A contact person for several people gets one reminder that
-- counts them; the people they support are never named (the text may go out by e-mail or SMS).

local common = require("reminders.lib.common")

local TEMPLATE, PROGRAMME = "lss-kontaktperson", "lss-kontaktperson"

return {
  id = "lss-kontaktperson",
  description = "Månadsrapporten som kontaktperson enligt LSS saknas (femte arbetsdagen).",
  schedule = { working_day_of_month = 5, at = "08:00" },
  channels = { "in_app", "epost", "sms" },

  targets = function(ctx)
    local period = common.previous_period(ctx.occasion.date)
    local missing = reports.missing{ period = period, template = TEMPLATE, programme = PROGRAMME }
    local list = {}
    for _, group in ipairs(common.group(missing, function(e) return e.reporterId end)) do
      list[#list + 1] = { to = { user = group.key }, period = period, deadline = common.day_after_period(period, 10),
        link = "/mina-sidor", count = #group.items }
    end
    return list
  end,

  message = function(reminder, ctx)
    local month = common.month_name(reminder.period)
    local late = reminder.deadline < ctx.today
    local whom = reminder.count == 1 and "en person" or (reminder.count .. " personer")
    local due = late and ("Den skulle ha lämnats senast %s; lämna den så snart du kan."):format(common.long_date(reminder.deadline, ctx.today))
      or ("Lämna den senast %s."):format(common.when(reminder.deadline, ctx.today))
    local body = ("%s\n\nDin månadsrapport som kontaktperson för %s saknas för %s som du är kontaktperson för. %s\n\n"
      .. "Logga in på Mina sidor för att fylla i och skicka in rapporten.")
      :format(common.greeting(reminder.who), month, whom, due)
    return {
      subject = "Påminnelse: månadsrapport som kontaktperson för " .. month,
      body = body,
      sms = ("Påminnelse: din månadsrapport som kontaktperson för %s saknas. %s"):format(month, due),
    }
  end,
}
