-- gemensam-planering: Rusta och matcha providers whose joint planning (gemensam planering, GP)
-- for a participant is due tomorrow and not yet submitted (DOMAIN.md §3: at the latest 5
-- working days after the start). "Tomorrow" is the working day before the deadline: a GP due
-- on a Monday is reminded on the Friday, one due after Easter on Maundy Thursday.

local common = require("reminders.lib.common")

local PROGRAMME, TEMPLATE, WORKING_DAYS = "rom", "rom-gemensam-planering", 5

return {
  id = "gemensam-planering",
  description = "Gemensam planering ska lämnas senast nästa arbetsdag (5 arbetsdagar efter start).",
  schedule = { working_days_before = 1, at = "08:00" },
  channels = { "in_app", "epost" },

  targets = function(ctx)
    local due = {}
    -- Five working days never span three weeks: ask only for those who started since then.
    local started = enrolments.active{ on = ctx.today, programme = PROGRAMME, started_from = calendar.add_days(ctx.today, -21), started_to = ctx.today }
    for _, enrolment in ipairs(started) do
      local deadline = calendar.add_working_days(enrolment.start, WORKING_DAYS)
      local within = deadline >= ctx.today and calendar.add_working_days(deadline, -1) <= ctx.today
      if enrolment.providerId and within then
        local handed_in = reports.find{ enrolment = enrolment.id, template = TEMPLATE, status = common.HANDED_IN, limit = 1 }
        if #handed_in == 0 then due[#due + 1] = { provider = enrolment.providerId, deadline = deadline } end
      end
    end
    return common.to_provider_staff(due)
  end,

  message = function(reminder, ctx)
    local when = common.when(reminder.deadline, ctx.today)
    local body = ("%s\n\nDen gemensamma planeringen för %s ska lämnas till Arbetsförmedlingen senast %s, fem arbetsdagar "
      .. "efter deltagarens start. Den är ännu inte inskickad.\n\nLogga in för att se vilka deltagare det gäller.")
      :format(common.greeting(reminder.who), common.count(reminder.count, "deltagare", "deltagare"), when)
    return { subject = "Påminnelse: gemensam planering ska lämnas senast " .. when, body = body }
  end,
}
