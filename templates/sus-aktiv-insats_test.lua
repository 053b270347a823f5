-- Tests of templates/sus-aktiv-insats.lua, one case (or more) per rule of DOMAIN.md §4
-- (seed 003: Start av aktiva insatser).
-- Run: redovisa template test sus-aktiv-insats

local t = form.load("sus-aktiv-insats")

assert(t:describe().role == "officer" and t:describe().period == "event", "role and period")
assert(t:describe().description:find("radera den felaktiga registreringen", 1, true), "the description tells how to correct")

local with = form.with

local OFFICE = "Arbetsförmedlingen Nacka"
local MAPPED = {
  { step = "begaran_kartlaggning", date = "2025-05-05", kontor = OFFICE },
  { step = "start_kartlaggning", date = "2025-05-19" },
  { step = "slut_kartlaggning", date = "2025-07-01", transition = "arbetsforberedande" },
}
local START = { kontor = OFFICE, overgang_till = "arbetsforberedande", datum = "2025-08-04" }

local function without(step)
  local list = {}
  for _, r in ipairs(MAPPED) do if r.step ~= step then list[#list + 1] = r end end
  return list
end

--- An earlier registration made with this template.
local function registered(id, status, a)
  return { id = id, status = status, eventDate = a.datum, templateId = "sus-aktiv-insats", answers = a }
end

local function case(c)
  c.today = c.today or "2025-08-05"
  c.event_date = c.event_date or (c.answers and c.answers.datum) or "2025-08-04"
  c.ctx = c.ctx or { sus_registrations = MAPPED, earlier_reports = {} }
  return c
end

local MISSING = "Det saknas registreringar före start av aktiv insats: %s. Be handläggaren på Försäkringskassan "
  .. "registrera dem, eller registrera de saknade uppgifterna själv."

return form.test(t, {
  case { name = "§4: the start after the joint mapping is valid", answers = START, valid = true, errors = {}, warnings = {} },

  case { name = "what is required", answers = {},
    errors = { kontor = "Fyll i: Arbetsförmedling och kontor", overgang_till = "Välj ett svar: Övergång till",
               datum = "Fyll i: Datum för övergång" } },

  case { name = "§4: Övergång till is one of the two kinds", answers = with(START, { overgang_till = "studier" }),
    errors = { overgang_till = "Välj ett av alternativen." } },

  case { name = "§4: the request for joint mapping must be registered first", ctx = { sus_registrations = without("begaran_kartlaggning") },
    answers = START, errors = { [""] = string.format(MISSING, "begäran om gemensam kartläggning") } },

  case { name = "§4: every missing step is named", ctx = { sus_registrations = { MAPPED[1] } }, answers = START,
    errors = { [""] = string.format(MISSING, "start av gemensam kartläggning, avslut av gemensam kartläggning") } },

  case { name = "§4: nothing registered by Försäkringskassan", ctx = { sus_registrations = {} }, answers = START,
    errors = { [""] = string.format(MISSING, "begäran om gemensam kartläggning, start av gemensam kartläggning, avslut av gemensam kartläggning") } },

  case { name = "§4: the steps come in order", answers = START,
    ctx = { sus_registrations = { MAPPED[1], with(MAPPED[2], { date = "2025-07-10" }), MAPPED[3] } },
    errors = { [""] = "Registreringarna i SUS är i fel ordning: avslut av gemensam kartläggning (1 juli 2025) är före "
      .. "start av gemensam kartläggning (10 juli 2025)." } },

  case { name = "§4: the active intervention starts after the mapping ended", today = "2025-06-30",
    answers = with(START, { datum = "2025-06-30" }),
    errors = { datum = "Den aktiva insatsen kan inte starta före avslutad gemensam kartläggning, 1 juli 2025." } },

  case { name = "§4: the kind planned at the end of the mapping is the expected one",
    answers = with(START, { overgang_till = "arbetslivsinriktad" }), valid = true,
    warnings = { overgang_till = "Vid avslutad gemensam kartläggning planerades arbetsförberedande insatser. Kontrollera att det är rätt insats." } },

  case { name = "§4: the office comes from the earlier registration", initial = { kontor = OFFICE, datum = "2025-08-04" } },

  case { name = "§4: a change of office is its own registration", answers = with(START, { kontor = "Arbetsförmedlingen Södertälje" }),
    errors = { kontor = "Deltagaren är registrerad på Arbetsförmedlingen Nacka. Ett byte av handläggande kontor registreras för sig." } },

  case { name = "§4: a move from work-preparatory to work-oriented", today = "2025-10-07",
    ctx = { sus_registrations = MAPPED, earlier_reports = { registered(3, "approved", START) } },
    answers = with(START, { overgang_till = "arbetslivsinriktad", datum = "2025-10-06" }), valid = true, warnings = {} },

  case { name = "§4: a move is to the other kind", today = "2025-10-07",
    ctx = { sus_registrations = MAPPED, earlier_reports = { registered(3, "approved", START) } },
    answers = with(START, { datum = "2025-10-06" }),
    errors = { overgang_till = "Deltagaren har redan arbetsförberedande insatser sedan 4 augusti 2025. Vid en övergång registreras den andra insatsen." } },

  case { name = "§4: a move comes after the earlier start", today = "2025-10-07",
    ctx = { sus_registrations = MAPPED, earlier_reports = { registered(3, "submitted", with(START, { datum = "2025-10-06" })) } },
    answers = with(START, { overgang_till = "arbetslivsinriktad", datum = "2025-10-06" }),
    errors = { datum = "Övergången ska vara efter den förra starten av aktiv insats, 6 oktober 2025." } },

  case { name = "§4: the active intervention registered in SUS by a colleague counts too", today = "2025-10-07",
    ctx = { sus_registrations = { MAPPED[1], MAPPED[2], MAPPED[3],
      { step = "start_aktiv_insats", date = "2025-08-04", transition = "arbetslivsinriktad" } }, earlier_reports = {} },
    answers = with(START, { overgang_till = "arbetslivsinriktad", datum = "2025-10-06" }),
    errors = { overgang_till = "Deltagaren har redan arbetslivsinriktade insatser sedan 4 augusti 2025. Vid en övergång registreras den andra insatsen." } },

  case { name = "§4: a deleted registration does not count, so the right one can be registered", today = "2025-10-07",
    ctx = { sus_registrations = MAPPED, earlier_reports = { registered(3, "withdrawn", with(START, { overgang_till = "arbetslivsinriktad" })) } },
    answers = START, valid = true },

  case { name = "a later registration is no earlier one (a stored registration checked again)", today = "2025-10-07",
    ctx = { sus_registrations = MAPPED, earlier_reports = { registered(4, "approved", with(START, { overgang_till = "arbetslivsinriktad", datum = "2025-10-06" })) } },
    answers = START, valid = true },

  case { name = "on the same day, the registration made first is the earlier one",
    ctx = { sus_registrations = MAPPED, report_id = 3, earlier_reports = { registered(4, "approved", START) } },
    answers = START, valid = true },

  case { name = "on the same day, a registration made before is earlier",
    ctx = { sus_registrations = MAPPED, report_id = 5, earlier_reports = { registered(4, "approved", START) } },
    answers = START, errors = { overgang_till = true, datum = "Övergången ska vara efter den förra starten av aktiv insats, 4 augusti 2025." } },

  case { name = "Försäkringskassan's end of the mapping on the day of the start counts", answers = START,
    ctx = { sus_registrations = { MAPPED[1], MAPPED[2], with(MAPPED[3], { date = "2025-08-04" }) } }, valid = true },

  case { name = "a start in the SUS register after this one does not count", today = "2025-10-07",
    ctx = { sus_registrations = { MAPPED[1], MAPPED[2], MAPPED[3],
      { step = "start_aktiv_insats", date = "2025-10-06", transition = "arbetslivsinriktad" } } },
    answers = START, valid = true },

  case { name = "a registration already in is not questioned for its lateness", today = "2026-01-05",
    ctx = { sus_registrations = MAPPED, status = "approved" }, answers = START, warnings = {} },

  case { name = "§4: a registration cannot be edited", ctx = { sus_registrations = MAPPED, status = "returned" }, answers = START,
    errors = { [""] = "En registrering kan inte ändras. Radera den felaktiga registreringen och registrera sedan rätt." } },

  case { name = "§4: the start is registered when it has happened", today = "2025-08-01", answers = START,
    errors = { datum = "Registrera starten av den aktiva insatsen när den har skett." } },

  case { name = "§4: registered right after the start: later is questioned", today = "2025-08-14", answers = START, valid = true,
    warnings = { datum = "Start av aktiv insats ska registreras direkt efter start (4 augusti 2025)." } },

  case { name = "five working days later is still right after", today = "2025-08-11", answers = START, warnings = {} },

  case { name = "the date is the registration's event date", event_date = "2025-08-05", answers = START,
    errors = { datum = "Registreringen gäller 5 augusti 2025. Ange det datumet." } },

  case { name = "without the SUS register the mapping cannot be checked, which is said", ctx = { earlier_reports = {} },
    answers = START, valid = true,
    warnings = { [""] = "Registreringarna före start av aktiv insats (begäran om, start och avslut av gemensam kartläggning) kunde inte kontrolleras." } },

  case { name = "§4: the participant's name and home are shown, read-only",
    ctx = { sus_registrations = MAPPED, person = { firstName = "Amina", lastName = "Hassan", municipality = "Nacka", district = "Fisksätra" } },
    answers = START, visible = { "deltagare" } },

  case { name = "without the register's person there is nothing to show", answers = START, hidden = { "deltagare" } },

  case { name = "no window: registered right after the start", window = form.ABSENT },
})
