-- rom-resultatrapport: the provider's result reports in Rusta och matcha (DOMAIN.md §3, seed 002
-- "Resultatrapport 1 (R1) / Signal om arbete eller studier (SOA)" and "Resultatrapport 2 (R2) /
-- Resultatredovisning (RR)").
--
-- Answer ids: typ (r1 | r2 | soa | rr), anledning (arbete | studier), datum, arbetsgivare,
-- utbildning and beskrivning.
--
-- The rules across reports read ctx.earlier_reports: the participant's other result reports.
-- A report counts once it has been submitted (submitted, returned, resubmitted or approved); it
-- counts as handled by Arbetsförmedlingen when approved. Drafts and withdrawn reports do not count.

local SUBMITTED = { submitted = true, returned = true, resubmitted = true, approved = true }
local SYSTEM = { r1 = "KA-Webb", r2 = "KA-Webb", soa = "MSFA", rr = "MSFA" }
local REASON = { arbete = "arbete", studier = "studier" }

--- The date of an earlier report: its event date, or the date it answers.
local function date_of(report)
  return report.eventDate or (type(report.answers) == "table" and report.answers.datum) or ""
end

--- Earlier submitted reports of kind `kind` on or before `day` (any day when nil), newest first.
local function earlier(ctx, kind, day)
  local list = {}
  for _, report in ipairs(ctx.earlier_reports or {}) do
    local a = report.answers
    if SUBMITTED[report.status] and type(a) == "table" and a.typ == kind and (day == nil or date_of(report) <= day) then
      list[#list + 1] = report
    end
  end
  table.sort(list, function(x, y)
    if date_of(x) ~= date_of(y) then return date_of(x) > date_of(y) end
    return (x.id or 0) > (y.id or 0)
  end)
  return list
end

return form.template {
  id = "rom-resultatrapport",
  version = 1,
  title = "Resultatrapport, Rusta och matcha",
  description = "Så fort deltagaren har fått arbete eller ansökt om studier skickar leverantören en R1 (KA-Webb) "
    .. "eller en SOA (MSFA). När leverantören anser att ett resultat är uppnått skickas en R2 (KA-Webb) eller en "
    .. "RR (MSFA). En R2 har samma anledning som den senaste R1; en RR kan skickas först när SOA:n har hanterats.",
  role = "provider",
  about = "enrolment",
  period = "event",

  steps = {
    form.step {
      id = "resultat", title = "Resultat",
      form.choice { id = "typ", label = "Rapport", required = true,
        options = {
          { value = "r1", label = "Resultatrapport 1 (R1), KA-Webb", help = "Deltagaren har fått arbete eller ansökt om studier." },
          { value = "r2", label = "Resultatrapport 2 (R2), KA-Webb", help = "Ett resultat är uppnått." },
          { value = "soa", label = "Signal om arbete eller studier (SOA), MSFA", help = "Deltagaren har fått arbete eller ansökt om studier." },
          { value = "rr", label = "Resultatredovisning (RR), MSFA", help = "Ett resultat är uppnått." },
        } },
      form.choice { id = "anledning", label = "Anledning", required = true,
        options = { { value = "arbete", label = "Arbete" }, { value = "studier", label = "Studier" } } },
      form.date { id = "datum", label = "Datum", required = true,
        help = "Dagen deltagaren fick arbetet eller ansökte om studierna, eller dagen resultatet uppnåddes.",
        default = function(ctx) return ctx.event_date end,
        constraint = function(value, _, ctx)
          if ctx.today and value > ctx.today then return "Datumet har inte varit än." end
        end },
      form.text { id = "arbetsgivare", label = "Arbetsgivare",
        visible = function(answers) return answers.anledning == "arbete" end,
        required = function(answers) return answers.anledning == "arbete" end },
      form.text { id = "utbildning", label = "Utbildning och skola",
        visible = function(answers) return answers.anledning == "studier" end,
        required = function(answers) return answers.anledning == "studier" end },
      form.textarea { id = "beskrivning", label = "Beskrivning" },
    },
  },

  validate = function(answers, ctx)
    local problems = {}
    local function problem(field, message) problems[#problems + 1] = { field = field, message = message } end
    if ctx.event_date and answers.datum and answers.datum ~= ctx.event_date then
      problem("datum", "Rapporten gäller " .. ctx.swedish_date(ctx.event_date) .. ". Ange det datumet.")
    end
    -- R1/R2 are KA-Webb's, SOA/RR MSFA's: the system of the enrolment's agreement.
    local enrolment = ctx.enrolment
    local system = enrolment and enrolment.agreement and enrolment.agreement.system
    if system and answers.typ and SYSTEM[answers.typ] ~= system then
      problem("typ", system == "MSFA" and "Deltagaren rapporteras i MSFA: skicka en SOA eller en RR."
        or "Deltagaren rapporteras i KA-Webb: skicka en R1 eller en R2.")
      return problems
    end
    local day = answers.datum or ctx.event_date
    -- §3 KA-Webb: R2's reason must equal the latest R1's; for another reason, a new R1 first.
    if answers.typ == "r2" then
      local r1 = earlier(ctx, "r1", day)[1]
      if not r1 then
        problem("typ", "Skicka först in en R1. En R2 kan bara skickas in efter en R1.")
      elseif answers.anledning and r1.answers.anledning ~= answers.anledning then
        problem("anledning", "En R2 ska ha samma anledning som den senaste R1 (" .. tostring(REASON[r1.answers.anledning] or r1.answers.anledning)
          .. ", " .. ctx.swedish_date(date_of(r1)) .. "). Skicka först in en ny R1 för " .. REASON[answers.anledning] .. ".")
      end
    end
    -- §3 MSFA: the SOA must be submitted and handled before an RR; their contents need not match.
    if answers.typ == "rr" then
      local soas = earlier(ctx, "soa", day)
      local handled = false
      for _, soa in ipairs(soas) do if soa.status == "approved" then handled = true end end
      if not soas[1] then
        problem("typ", "Skicka först in en SOA. En RR kan bara skickas in när SOA:n har hanterats av Arbetsförmedlingen.")
      elseif not handled then
        problem("typ", "SOA:n från " .. ctx.swedish_date(date_of(soas[1])) .. " är inte hanterad av Arbetsförmedlingen än. "
          .. "En RR kan skickas in först när SOA:n har hanterats.")
      end
    end
    return problems
  end,
}
