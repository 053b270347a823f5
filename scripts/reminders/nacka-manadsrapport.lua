-- nacka-manadsrapport: Nacka's customer-choice providers whose monthly report for last month is
-- not marked ready by the 5th (DOMAIN.md §5: ready 1st–7th, review to the 12th, approval by the
-- 15th). Every staff member of the provider gets one reminder that counts the customers whose
-- report is missing; a 5th that is not a working day moves to the working day before.

local common = require("reminders.lib.common")

local TEMPLATE = "nacka-manadsrapport"

return {
  id = "nacka-manadsrapport",
  description = "Nackas månadsrapport är inte klarmarkerad den 5:e.",
  schedule = { day_of_month = 5, if_not_working_day = "previous", at = "08:00" },
  channels = { "in_app", "epost" },

  targets = function(ctx)
    local period = common.previous_period(ctx.occasion.date)
    local missing = {}
    for _, programme in ipairs(common.CUSTOMER_CHOICE) do
      for _, enrolment in ipairs(reports.missing{ period = period, template = TEMPLATE, programme = programme }) do
        if enrolment.providerId then missing[#missing + 1] = enrolment end
      end
    end
    local counts, order = {}, {}
    for _, group in ipairs(common.group(missing, function(e) return e.providerId end)) do
      for _, staff in ipairs(common.provider_staff(group.key)) do
        if not counts[staff.id] then order[#order + 1] = staff.id end
        counts[staff.id] = (counts[staff.id] or 0) + #group.items
      end
    end
    local list = {}
    for _, id in ipairs(order) do
      list[#list + 1] = { to = { user = id }, period = period, deadline = common.day_after_period(period, 7),
        link = "/mina-sidor", count = counts[id] }
    end
    return list
  end,

  message = function(reminder, ctx)
    local month = common.month_name(reminder.period)
    local body = ("%s\n\nMånadsrapporten för %s är ännu inte klarmarkerad för %s. Rapporterna ska vara klara senast %s; "
      .. "handläggaren granskar dem till den 12:e och godkänner senast den 15:e. En rapport som kommer in efter "
      .. "brytdatum ersätts först månaden efter.\n\nLogga in för att se vilka rapporter som saknas.")
      :format(common.greeting(reminder.who), month, common.count(reminder.count, "kund", "kunder"),
        common.when(reminder.deadline, ctx.today))
    return { subject = "Påminnelse: månadsrapporter för " .. month .. " att klarmarkera", body = body }
  end,
}
