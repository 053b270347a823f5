-- granskning: officers with reports for last month still waiting for review after the 12th
-- (DOMAIN.md §5: the officer reviews from the 7th to the 12th and approves by the 15th). On the
-- 13th — or the first working day after — each officer gets one reminder that counts their
-- reports: the enrolment's responsible officer, or, when it names none, the officers of the
-- report's office.

local common = require("reminders.lib.common")

return {
  id = "granskning",
  description = "Inskickade rapporter för förra månaden väntar fortfarande på granskning efter den 12:e.",
  schedule = { day_of_month = 13, if_not_working_day = "next", at = "07:30" },
  channels = { "in_app", "epost" },

  targets = function(ctx)
    local period = common.previous_period(ctx.occasion.date)
    -- Every waiting report of the period, counted by office and responsible officer in one question.
    local waiting = reports.awaiting_review_counts{ period = period }
    local counts, order, officers_of_office = {}, {}, {}
    local function count(officer, n)
      if not counts[officer] then order[#order + 1] = officer end
      counts[officer] = (counts[officer] or 0) + n
    end
    for _, group in ipairs(waiting) do
      if group.officerId then
        count(group.officerId, group.count)
      elseif group.officeId then
        officers_of_office[group.officeId] = officers_of_office[group.officeId]
          or users.list{ office = group.officeId, role = "officer" }
        for _, user in ipairs(officers_of_office[group.officeId]) do count(user.id, group.count) end
      end
    end
    local list = {}
    for _, officer in ipairs(order) do
      list[#list + 1] = { to = { user = officer }, period = period, link = "/arbetsko", count = counts[officer],
        deadline = common.day_after_period(period, 15) }
    end
    return list
  end,

  message = function(reminder, ctx)
    local month = common.month_name(reminder.period)
    local body = ("%s\n\n%s för %s väntar fortfarande på granskning. Granskningen skulle vara klar den 12:e; "
      .. "godkänn eller återremittera senast %s, så att anordnarna får sin ersättning i tid.\n\nDu hittar dem i din arbetskö.")
      :format(common.greeting(reminder.who),
        reminder.count == 1 and "En inskickad rapport" or (reminder.count .. " inskickade rapporter"), month,
        common.when(reminder.deadline, ctx.today))
    return { subject = "Påminnelse: rapporter för " .. month .. " att granska", body = body }
  end,
}
