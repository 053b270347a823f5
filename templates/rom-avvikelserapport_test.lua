-- Tests of templates/rom-avvikelserapport.lua, one case (or more) per rule of DOMAIN.md §3
-- (seed 002: Avvikelserapportering).
-- Run: redovisa template test rom-avvikelserapport

local t = form.load("rom-avvikelserapport")

local with = form.with

local KNOWN = {
  avvikelse = "ej_deltagit", orsak = "kand", datum = "2025-09-15", aktivitet = "Individuella samtal och vägledning",
  beskrivning = "Deltagaren kom inte till det individuella samtalet.",
  deltagarens_forklaring = "Deltagaren meddelade sjukdom samma morgon.", atgard = "Nytt samtal bokat till den 22 september.",
}
local UNKNOWN = {
  avvikelse = "ej_deltagit", orsak = "okand", datum = "2025-09-15", aktivitet = "Individuella samtal och vägledning",
  beskrivning = "Deltagaren kom inte till det planerade samtalet och har inte hört av sig.",
  atgard = "Vi ringde tre gånger samma dag utan svar och skickade ett sms.",
}
local MISCONDUCT = {
  avvikelse = "misskotsamhet", orsak = "kand", datum = "2025-09-15",
  beskrivning = "Deltagaren lämnade gruppaktiviteten efter en halvtimme och uppträdde hotfullt.",
  deltagarens_forklaring = "Deltagaren säger att hen var stressad.", atgard = "Samtal med deltagaren; handläggaren informerad.",
}

local PLAN = { kind = "gemensam_planering", activities = {
  { name = "Individuella samtal och vägledning", mandatory = true, hoursPerWeek = 2 },
  { name = "Stöd i arbetssökande och matchning", mandatory = true, hoursPerWeek = 5 },
} }

local function case(c)
  c.today = c.today or "2025-09-16"
  c.event_date = c.event_date or "2025-09-15"
  c.ctx = c.ctx or { enrolment = { start = "2025-08-04" }, plan = PLAN }
  return c
end

return form.test(t, {
  case { name = "§3: a known deviation with the participant's explanation is valid", answers = KNOWN, valid = true, errors = {}, warnings = {} },

  case { name = "§3: an unknown deviation is reported just the same", answers = UNKNOWN, valid = true, errors = {},
    visible = { "aktivitet" }, hidden = { "deltagarens_forklaring" } },

  case { name = "§3: misbehaviour is a deviation too, without a missed activity", answers = MISCONDUCT, valid = true,
    hidden = { "aktivitet" }, visible = { "deltagarens_forklaring" } },

  case { name = "what is always required", answers = {},
    errors = {
      avvikelse = "Välj ett svar: Vad har hänt?", orsak = "Välj ett svar: Är orsaken känd?",
      datum = "Fyll i: Datum för avvikelsen", beskrivning = "Fyll i: Beskriv avvikelsen", atgard = "Fyll i: Vad har ni gjort?",
    } },

  case { name = "§3 känd: what the participant told is required", answers = with(KNOWN, { deltagarens_forklaring = form.ABSENT }),
    errors = { deltagarens_forklaring = "Fyll i: Vad har deltagaren berättat om orsaken?" } },

  case { name = "§3 okänd: no explanation is asked, and one given is dropped",
    answers = with(UNKNOWN, { deltagarens_forklaring = "?" }), valid = true,
    cleaned = { deltagarens_forklaring = form.ABSENT } },

  case { name = "a missed activity must be named", answers = with(UNKNOWN, { aktivitet = form.ABSENT }),
    errors = { aktivitet = "Fyll i: Vilken planerad aktivitet gäller det?" } },

  case { name = "misbehaviour names no activity: one given is dropped", answers = with(MISCONDUCT, { aktivitet = "Digital kompetens" }),
    valid = true, cleaned = { aktivitet = form.ABSENT } },

  case { name = "an activity outside the joint planning is questioned", answers = with(KNOWN, { aktivitet = "Fotboll" }),
    valid = true, warnings = { aktivitet = "Aktiviteten finns inte i den gemensamma planeringen." } },

  case { name = "an IUP is not the joint planning: no question asked",
    ctx = { plan = { kind = "iup", activities = {} } }, answers = with(KNOWN, { aktivitet = "Fotboll" }), warnings = {} },

  case { name = "the answer must be known or unknown", answers = with(KNOWN, { orsak = "kanske" }),
    errors = { orsak = "Välj ett av alternativen." } },

  case { name = "a deviation cannot lie ahead", today = "2025-09-14", answers = KNOWN,
    errors = { datum = "Datumet har inte varit än. Rapportera en avvikelse som har skett." } },

  case { name = "a deviation cannot be before the start", event_date = "2025-08-01", answers = with(KNOWN, { datum = "2025-08-01" }),
    errors = { datum = "Datumet är före deltagarens start i tjänsten, 4 augusti 2025." } },

  case { name = "the date is the report's event date", answers = with(KNOWN, { datum = "2025-09-12" }),
    errors = { datum = "Rapporten gäller avvikelsen 15 september 2025. Ange det datumet." } },

  case { name = "a new report starts on its event date", initial = { datum = "2025-09-15", orsak = form.ABSENT } },

  case { name = "§3: a deviation report has no window: always send it", window = form.ABSENT },

  case { name = "the preview shows the choices' labels", answers = UNKNOWN,
    summary = { orsak = "Okänd avvikelse: vi vet inte varför deltagaren inte deltar",
                avvikelse = "Deltagaren deltog inte i en planerad aktivitet" } },
})
