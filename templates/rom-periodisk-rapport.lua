-- rom-periodisk-rapport: the provider's monthly periodic report (periodisk rapport, PR) in
-- Rusta och matcha (DOMAIN.md §3, seed 002 "Periodisk rapport", "Eget arbete").
--
-- Answer ids (the demo uses them): ar, manad, system (KA-Webb | MSFA), aktiviteter (rows of
-- aktivitet, obligatorisk, timmar, kommentar), eget_arbete, kalender (rows of datum, timmar)
-- and kommentar.
--
-- The planned activities are those of the joint planning (gemensam planering) in ctx.plan. The
-- host gives the newest plan of the enrolment; when that is not the joint planning (an IUP is
-- newer), the template asks `plans` for the newest joint planning itself, and when the newest
-- joint planning was made after the report's month, the planning in force then is unknown and
-- the completeness rule is not applied.

local KA_WEBB, MSFA = "KA-Webb", "MSFA"
-- §3: own work is estimated and filled in only until 1 July 2022.
local OWN_WORK_UNTIL = "2022-07-01"

local function before_july_2022(ctx) return ctx.period ~= nil and ctx.period.first_day < OWN_WORK_UNTIL end
local function ka_webb_after_july_2022(answers, ctx)
  return answers.system == KA_WEBB and ctx.period ~= nil and not before_july_2022(ctx)
end

local function key(name) return (tostring(name):lower():gsub("^%s+", ""):gsub("%s+$", ""):gsub("%s+", " ")) end

--- The joint planning in force for the report's month, or nil when it cannot be known.
local function joint_planning(ctx)
  local plan = ctx.plan
  if type(plan) == "table" and plan.kind ~= nil and plan.kind ~= "gemensam_planering" then
    plan = nil
    if plans and ctx.enrolment_id then plan = plans.current(ctx.enrolment_id, "gemensam_planering") end
  end
  if type(plan) ~= "table" or type(plan.activities) ~= "table" then return nil end
  if ctx.period and type(plan.createdAt) == "string" and plan.createdAt > ctx.period.last_day then return nil end
  return plan
end

--- The planned activity named `name`, or nil.
local function planned(plan, name)
  if not plan or name == nil then return nil end
  for _, activity in ipairs(plan.activities) do
    if key(activity.name) == key(name) then return activity end
  end
  return nil
end

--- Ways of writing `n` hours: "12", or "1,5" and "1.5".
local function number_patterns(n)
  if n == math.floor(n) then return { string.format("%d", math.floor(n)) } end
  local text = string.format("%.2f", n):gsub("0+$", "")
  return { (text:gsub("%.", ",")), (text:gsub("%.", "%%.")) }
end

--- Whether `text` states `n` hours: "12 timmar", "1,5 tim", "0 h".
local function states_hours(text, n)
  for _, number in ipairs(number_patterns(n)) do
    local at = "%f[%d.,]" .. number
    if text:find(at .. "%s*tim") or text:find(at .. "%s*h%f[%A]") then return true end
  end
  return false
end

local hours_text = form.number_text

return form.template {
  id = "rom-periodisk-rapport",
  version = 1,
  title = "Periodisk rapport, Rusta och matcha",
  description = "Varje månad under hela tjänsten bekräftar leverantören vilka aktiviteter i den gemensamma "
    .. "planeringen som deltagaren har genomfört under föregående månad. En planerad aktivitet som inte "
    .. "genomfördes rapporteras med 0 timmar. Inlämnad periodisk rapport är ett krav för ersättning för perioden.",
  role = "provider",
  about = "enrolment",
  period = "month",
  -- §3 sets no day; local choice: from the 1st of the next month (the report confirms a month
  -- that has ended) to the 10th, late reports accepted and flagged (payment waits for it).
  window = { opens_day = 1, closes_day = 10, late = true },

  steps = {
    form.step {
      id = "periodisk_rapport", title = "Genomförda aktiviteter",
      help = "En rad för varje aktivitet i den gemensamma planeringen. Ange 0 timmar för en aktivitet som inte genomfördes.",
      form.integer { id = "ar", label = "År", required = true, min = 2000, max = 2100, copy = false,
        default = function(ctx) return ctx.period and ctx.period.year end },
      form.integer { id = "manad", label = "Månad", required = true, min = 1, max = 12, copy = false,
        default = function(ctx) return ctx.period and ctx.period.month end },
      form.choice { id = "system", label = "Deltagaren rapporteras i", required = true,
        default = function(ctx)
          local enrolment = ctx.enrolment
          return enrolment and enrolment.agreement and enrolment.agreement.system or nil
        end,
        options = { { value = KA_WEBB, label = "KA-Webb" }, { value = MSFA, label = "Mina sidor fristående aktörer (MSFA)" } } },
      -- §3: every planned activity, 0 hours when it did not happen.
      form.group { id = "aktiviteter", label = "Aktiviteter", required = true,
        required_message = "Lägg till en rad för varje aktivitet i den gemensamma planeringen.",
        row_label = "Aktivitet", add_label = "Lägg till aktivitet",
        form.text { id = "aktivitet", label = "Aktivitet", required = true },
        form.yes_no { id = "obligatorisk", label = "Obligatorisk aktivitet" },
        form.hours { id = "timmar", label = "Timmar under månaden", required = true, max = 744,
          required_message = "Ange timmar för aktiviteten, 0 om den inte genomfördes." },
        -- §3, KA-Webb after 1 July 2022: the month's total (or 0 and that the participant did
        -- not take part) goes in "Eventuell kommentar".
        form.textarea { id = "kommentar", label = "Eventuell kommentar",
          required = function(answers, ctx) return ka_webb_after_july_2022(answers, ctx) end,
          required_message = "I KA-Webb anges den sammanlagda tiden för aktiviteten i kommentaren.",
          constraint = function(value, answers, ctx, row)
            if not ka_webb_after_july_2022(answers, ctx) or type(row.timmar) ~= "number" then return nil end
            if states_hours(value, row.timmar) then return nil end
            if row.timmar == 0 then
              return "I KA-Webb anges i kommentaren att deltagaren inte har deltagit och 0 timmar."
            end
            return "I KA-Webb anges den sammanlagda tiden i kommentaren: skriv \"" .. hours_text(row.timmar) .. " timmar\"."
          end },
      },
      -- §3: own work only until 1 July 2022; after that it is not asked (and dropped).
      form.hours { id = "eget_arbete", label = "Eget arbete (uppskattat antal timmar)", max = 744,
        help = "Fylls i för perioder före 1 juli 2022.",
        visible = function(_, ctx) return before_july_2022(ctx) end,
        required = function(_, ctx) return before_july_2022(ctx) end },
      -- §3, KA-Webb after 1 July 2022: one hour in the calendar on the first day of the period.
      form.group { id = "kalender", label = "Kalender (KA-Webb)",
        visible = function(answers, ctx) return ka_webb_after_july_2022(answers, ctx) end,
        compute = function(_, ctx) return { { datum = ctx.period.first_day, timmar = 1 } } end,
        form.date { id = "datum", label = "Datum" },
        form.hours { id = "timmar", label = "Timmar" },
      },
      form.textarea { id = "kommentar", label = "Övrig kommentar", copy = false },
    },
  },

  validate = function(answers, ctx)
    local problems = {}
    local p = ctx.period
    if p and answers.ar and answers.manad and (answers.ar ~= p.year or answers.manad ~= p.month) then
      problems[#problems + 1] = { field = "manad", message = "Rapporten gäller " .. p.name .. ". Välj den perioden." }
    end
    -- The system must be the one the enrolment's agreement names.
    local enrolment = ctx.enrolment
    local agreed = enrolment and enrolment.agreement and enrolment.agreement.system
    if agreed and answers.system and answers.system ~= agreed then
      problems[#problems + 1] = { field = "system", message = "Deltagaren rapporteras i " .. agreed .. " enligt överenskommelsen." }
    end
    local rows = type(answers.aktiviteter) == "table" and answers.aktiviteter or {}
    local seen = {}
    local plan = joint_planning(ctx)
    for i, activity in ipairs(rows) do
      if activity.aktivitet then
        local k = key(activity.aktivitet)
        if seen[k] then
          problems[#problems + 1] = { field = string.format("aktiviteter[%d].aktivitet", i),
            message = string.format("Aktiviteten finns redan på rad %d.", seen[k]) }
        else
          seen[k] = i
        end
        -- Mandatory or optional as in the joint planning.
        local planned_activity = planned(plan, activity.aktivitet)
        if planned_activity and activity.obligatorisk ~= nil and activity.obligatorisk ~= planned_activity.mandatory then
          problems[#problems + 1] = { field = string.format("aktiviteter[%d].obligatorisk", i),
            message = "Enligt den gemensamma planeringen är aktiviteten "
              .. (planned_activity.mandatory and "obligatorisk." or "valbar.") }
        end
      end
    end
    -- §3: a row for every planned activity; 0 hours when it did not happen.
    if plan then
      local missing = {}
      for _, activity in ipairs(plan.activities) do
        if not seen[key(activity.name)] then missing[#missing + 1] = activity.name end
      end
      if #missing > 0 then
        problems[#problems + 1] = { field = "aktiviteter",
          message = "Varje aktivitet i den gemensamma planeringen ska ha en rad, med 0 timmar om den inte genomfördes. Saknas: "
            .. table.concat(missing, ", ") .. "." }
      end
    end
    return problems
  end,

  warn = function(answers, ctx)
    local warnings = {}
    local plan = joint_planning(ctx)
    for i, activity in ipairs(type(answers.aktiviteter) == "table" and answers.aktiviteter or {}) do
      if plan and activity.aktivitet and not planned(plan, activity.aktivitet) then
        warnings[#warnings + 1] = { field = string.format("aktiviteter[%d].aktivitet", i),
          message = "Aktiviteten finns inte i den gemensamma planeringen. Uppdatera planeringen när aktiviteterna ändras." }
      end
      -- §3: a planned activity not taken part in is also a deviation, always reported.
      if activity.timmar == 0 then
        warnings[#warnings + 1] = { field = string.format("aktiviteter[%d].timmar", i),
          message = "Deltagaren deltog inte i en planerad aktivitet. Glöm inte avvikelserapporten." }
      end
    end
    return warnings
  end,
}
