-- rom-avvikelserapport: the provider's deviation report (avvikelserapport) in Rusta och matcha
-- (DOMAIN.md §3, seed 002 "Avvikelserapportering").
--
-- Answer ids: avvikelse (ej_deltagit | misskotsamhet), orsak (kand | okand), datum, aktivitet,
-- beskrivning, deltagarens_forklaring and atgard.
--
-- §3: a deviation is always reported, whether its cause is known or not; the template has no
-- window (a deviation report is never too late to send).

local function key(name) return (tostring(name):lower():gsub("^%s+", ""):gsub("%s+$", ""):gsub("%s+", " ")) end

--- The joint planning, when the host gives one (see rom-periodisk-rapport).
local function joint_planning(ctx)
  local plan = ctx.plan
  if type(plan) ~= "table" or type(plan.activities) ~= "table" then return nil end
  if plan.kind ~= nil and plan.kind ~= "gemensam_planering" then return nil end
  return plan
end

return form.template {
  id = "rom-avvikelserapport",
  version = 1,
  title = "Avvikelserapport, Rusta och matcha",
  description = "Om deltagaren inte deltar i de planerade aktiviteterna eller missköter sig ska leverantören alltid "
    .. "skicka in en avvikelserapport till Arbetsförmedlingen, oavsett om avvikelsen är känd eller okänd.",
  role = "provider",
  about = "enrolment",
  period = "event",

  steps = {
    form.step {
      id = "avvikelse", title = "Avvikelse",
      -- §3: not taking part in planned activities, or misbehaving.
      form.choice { id = "avvikelse", label = "Vad har hänt?", required = true,
        options = {
          { value = "ej_deltagit", label = "Deltagaren deltog inte i en planerad aktivitet" },
          { value = "misskotsamhet", label = "Deltagaren har misskött sig" },
        } },
      -- §3: known (the participant has told why) or unknown (the provider does not know why).
      form.choice { id = "orsak", label = "Är orsaken känd?", required = true,
        options = {
          { value = "kand", label = "Känd avvikelse: deltagaren har hört av sig och berättat varför" },
          { value = "okand", label = "Okänd avvikelse: vi vet inte varför deltagaren inte deltar" },
        } },
      form.date { id = "datum", label = "Datum för avvikelsen", required = true,
        default = function(ctx) return ctx.event_date end,
        constraint = function(value, _, ctx)
          if ctx.today and value > ctx.today then return "Datumet har inte varit än. Rapportera en avvikelse som har skett." end
          local enrolment = ctx.enrolment
          if enrolment and enrolment.start and value < enrolment.start then
            return "Datumet är före deltagarens start i tjänsten, " .. ctx.swedish_date(enrolment.start) .. "."
          end
        end },
      form.text { id = "aktivitet", label = "Vilken planerad aktivitet gäller det?",
        visible = function(answers) return answers.avvikelse == "ej_deltagit" end,
        required = function(answers) return answers.avvikelse == "ej_deltagit" end,
        warning = function(value, _, ctx)
          local plan = joint_planning(ctx)
          if not plan then return nil end
          for _, activity in ipairs(plan.activities) do
            if key(activity.name) == key(value) then return nil end
          end
          return "Aktiviteten finns inte i den gemensamma planeringen."
        end },
      form.textarea { id = "beskrivning", label = "Beskriv avvikelsen", required = true },
      form.textarea { id = "deltagarens_forklaring", label = "Vad har deltagaren berättat om orsaken?",
        visible = function(answers) return answers.orsak == "kand" end,
        required = function(answers) return answers.orsak == "kand" end },
      form.textarea { id = "atgard", label = "Vad har ni gjort?", required = true,
        help = "Till exempel hur ni har försökt nå deltagaren, eller vad ni har kommit överens om." },
    },
  },

  -- The date answered is the report's own event date.
  validate = function(answers, ctx)
    if ctx.event_date and answers.datum and answers.datum ~= ctx.event_date then
      return { datum = "Rapporten gäller avvikelsen " .. ctx.swedish_date(ctx.event_date) .. ". Ange det datumet." }
    end
  end,
}
