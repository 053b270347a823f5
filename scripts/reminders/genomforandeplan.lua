-- genomforandeplan: Nacka's providers whose implementation plan (genomförandeplan) for a
-- customer is due in 3 days and not yet handed in (DOMAIN.md §5: within 14 days of the start
-- date). A relative schedule: each reminder carries its own deadline, and the host sends it
-- from 3 days before the deadline until the deadline, at the first run from 08:00. Staff get
-- one reminder per deadline that counts the customers.

local common = require("reminders.lib.common")

local DAYS_TO_PLAN = 14
-- A plan is handed in either as a plan version in the register or through this template.
local TEMPLATE = "nacka-genomforandeplan"

--- Whether the enrolment's implementation plan has been handed in, either way.
local function handed_in(enrolment)
  local plan = plans.current(enrolment.id, "genomforandeplan")
  if plan and plan.submittedAt then return true end
  return #reports.find{ enrolment = enrolment.id, template = TEMPLATE, status = common.HANDED_IN, limit = 1 } > 0
end

return {
  id = "genomforandeplan",
  description = "Genomförandeplanen ska lämnas om tre dagar (14 dagar efter start).",
  schedule = { days_before = 3, at = "08:00" },
  channels = { "in_app", "epost" },

  targets = function(ctx)
    local due = {}
    -- Only those whose deadline is today or in the next 3 days can be due: those who started
    -- 14 to 11 days ago.
    local from, to = calendar.add_days(ctx.today, -DAYS_TO_PLAN), calendar.add_days(ctx.today, 3 - DAYS_TO_PLAN)
    for _, programme in ipairs(common.CUSTOMER_CHOICE) do
      for _, enrolment in ipairs(enrolments.active{ on = ctx.today, programme = programme, started_from = from, started_to = to }) do
        if enrolment.providerId and not handed_in(enrolment) then
          due[#due + 1] = { provider = enrolment.providerId, deadline = calendar.add_days(enrolment.start, DAYS_TO_PLAN) }
        end
      end
    end
    return common.to_provider_staff(due)
  end,

  message = function(reminder, ctx)
    local body = ("%s\n\nGenomförandeplanen för %s ska lämnas senast %s, 14 dagar efter insatsens start. "
      .. "Den är ännu inte inlämnad.\n\nLogga in för att se vilka kunder det gäller.")
      :format(common.greeting(reminder.who), common.count(reminder.count, "kund", "kunder"),
        common.when(reminder.deadline, ctx.today))
    return { subject = "Påminnelse: genomförandeplan ska lämnas senast " .. common.long_date(reminder.deadline, ctx.today), body = body }
  end,
}
