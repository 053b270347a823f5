-- rom-gemensam-planering: the joint planning (gemensam planering, GP) the provider submits to
-- Arbetsförmedlingen in Rusta och matcha (DOMAIN.md §3, seed 002 "Gemensam planering (GP)").
--
-- Answer ids: iup_upprattad, anledning (forsta | andrad | period_2), aktiviteter (rows of
-- aktivitet, obligatorisk, timmar_per_vecka, beskrivning) and kommentar.
--
-- The rule "at least three activities: the two mandatory and at least one optional" is stated
-- in the seed under MSFA; the service has the same two mandatory activities whichever system
-- the participant is in, so the template applies it to every joint planning.

local SUBMITTED = { submitted = true, returned = true, resubmitted = true, approved = true }

local function key(name) return (tostring(name):lower():gsub("^%s+", ""):gsub("%s+$", ""):gsub("%s+", " ")) end

--- Whether `report` came before the one being checked: an earlier event date, or the same date
--- and a lower id. (ctx.earlier_reports holds every other report of the participant, also
--- later ones when a stored report is checked again.)
local function before_this(report, ctx)
  local day = ctx.event_date
  if not (day and report.eventDate) then return true end
  if report.eventDate ~= day then return report.eventDate < day end
  return not (ctx.report_id and report.id) or report.id < ctx.report_id
end

--- The earlier joint plannings of the participant that were submitted, newest first.
local function earlier_plannings(ctx)
  local list = {}
  for _, report in ipairs(ctx.earlier_reports or {}) do
    if SUBMITTED[report.status] and type(report.answers) == "table" and before_this(report, ctx) then
      list[#list + 1] = report
    end
  end
  table.sort(list, function(a, b)
    local da, db = tostring(a.eventDate or ""), tostring(b.eventDate or "")
    if da ~= db then return da > db end
    return (a.id or 0) > (b.id or 0)
  end)
  return list
end

local function hours_per_week(rows)
  local sum = 0
  for _, activity in ipairs(type(rows) == "table" and rows or {}) do
    if type(activity.timmar_per_vecka) == "number" then sum = sum + activity.timmar_per_vecka end
  end
  return sum
end

local hours_text = form.number_text

return form.template {
  id = "rom-gemensam-planering",
  version = 1,
  title = "Gemensam planering, Rusta och matcha",
  description = "Leverantörens redovisning till Arbetsförmedlingen av vilka obligatoriska och valbara aktiviteter "
    .. "leverantören planerar för deltagaren. Den utgår från den individuella utvecklingsplanen, lämnas senast "
    .. "fem arbetsdagar efter deltagarens start och uppdateras när de planerade aktiviteterna ändras och inför "
    .. "beslut om period 2.",
  role = "provider",
  about = "enrolment",
  period = "event",
  -- §3: the first joint planning is due at the latest 5 working days after the participant's
  -- start; a late one is still needed, so it is accepted and flagged. Updates (when activities
  -- change, before period 2) have no deadline: no window once one has been submitted.
  window = function(ctx)
    if earlier_plannings(ctx)[1] then return nil end
    local enrolment = ctx.enrolment
    if not (enrolment and enrolment.start) then return nil end
    return { opens = enrolment.start, closes = ctx.calendar.add_working_days(enrolment.start, 5), late = true }
  end,

  steps = {
    form.step {
      id = "gemensam_planering", title = "Planerade aktiviteter",
      help = "Redovisa de aktiviteter som ni som leverantör tillhandahåller. Deltagarens egna aktiviteter, "
        .. "som ni inte aktivt deltar i, behöver inte redovisas.",
      -- §3: the joint planning presupposes an IUP drawn up with the participant.
      form.confirmation { id = "iup_upprattad", required = true, copy = false,
        label = "Den gemensamma planeringen utgår från deltagarens individuella utvecklingsplan.",
        text = "En individuell utvecklingsplan är upprättad tillsammans med deltagaren" },
      form.choice { id = "anledning", label = "Planeringen lämnas", required = true, copy = false,
        options = {
          { value = "forsta", label = "Första gemensamma planeringen efter start" },
          { value = "andrad", label = "Uppdatering: de planerade aktiviteterna har ändrats" },
          { value = "period_2", label = "Uppdatering: intensifiering inför beslut om period 2" },
        } },
      form.group { id = "aktiviteter", label = "Aktiviteter", required = true,
        required_message = "Lägg till aktiviteterna: de två obligatoriska och minst en valbar.",
        row_label = "Aktivitet", add_label = "Lägg till aktivitet",
        form.text { id = "aktivitet", label = "Aktivitet", required = true },
        form.yes_no { id = "obligatorisk", label = "Obligatorisk aktivitet", required = true },
        form.hours { id = "timmar_per_vecka", label = "Timmar per vecka", required = true, max = 40,
          constraint = function(value)
            if value == 0 then return "Ange hur många timmar per vecka aktiviteten planeras." end
          end },
        form.textarea { id = "beskrivning", label = "Hur aktiviteten genomförs" },
      },
      form.textarea { id = "kommentar", label = "Kommentar", copy = false },
    },
  },

  validate = function(answers, ctx)
    local problems = {}
    local rows = type(answers.aktiviteter) == "table" and answers.aktiviteter or {}
    -- §3 (MSFA): at least three activities, the two mandatory and at least one optional.
    if rows[1] ~= nil then
      local mandatory, optional = 0, 0
      for _, activity in ipairs(rows) do
        if activity.obligatorisk == true then mandatory = mandatory + 1
        elseif activity.obligatorisk == false then optional = optional + 1 end
      end
      if mandatory ~= 2 or optional < 1 then
        problems[#problems + 1] = { field = "aktiviteter", message = string.format(
          "Den gemensamma planeringen ska ha minst tre aktiviteter: de två obligatoriska och minst en valbar "
            .. "(nu %d %s och %d %s).", mandatory, mandatory == 1 and "obligatorisk" or "obligatoriska",
          optional, optional == 1 and "valbar" or "valbara") }
      end
    end
    local seen = {}
    for i, activity in ipairs(rows) do
      if activity.aktivitet then
        local k = key(activity.aktivitet)
        if seen[k] then
          problems[#problems + 1] = { field = string.format("aktiviteter[%d].aktivitet", i),
            message = string.format("Aktiviteten finns redan på rad %d.", seen[k]) }
        else
          seen[k] = i
        end
      end
    end
    -- An update needs a planning to update; a first one must be the first.
    local earlier = earlier_plannings(ctx)
    if answers.anledning == "forsta" and earlier[1] then
      problems[#problems + 1] = { field = "anledning",
        message = "Det finns redan en inskickad gemensam planering. Välj uppdatering." }
    elseif (answers.anledning == "andrad" or answers.anledning == "period_2") and not earlier[1] then
      problems[#problems + 1] = { field = "anledning",
        message = "Det finns ingen inskickad gemensam planering att uppdatera. Välj första gemensamma planeringen." }
    end
    -- The planning cannot be about a day before the participant's start.
    local enrolment = ctx.enrolment
    if enrolment and enrolment.start and ctx.event_date and ctx.event_date < enrolment.start then
      problems[#problems + 1] = { field = "", message = "Den gemensamma planeringen kan inte gälla före deltagarens start, "
        .. ctx.swedish_date(enrolment.start) .. "." }
    end
    return problems
  end,

  -- §3: before the decision on period 2, activities are intensified.
  warn = function(answers, ctx)
    if answers.anledning ~= "period_2" then return nil end
    local previous = earlier_plannings(ctx)[1]
    if not previous then return nil end
    local now, before = hours_per_week(answers.aktiviteter), hours_per_week(previous.answers.aktiviteter)
    if now <= before then
      return { aktiviteter = "Inför beslut om period 2 ska aktiviteterna intensifieras, men planeringen har "
        .. hours_text(now) .. " timmar per vecka mot " .. hours_text(before) .. " i den förra." }
    end
  end,
}
