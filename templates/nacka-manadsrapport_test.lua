-- Tests of templates/nacka-manadsrapport.lua, one case (or more) per rule of DOMAIN.md §5
-- (seed 004 §7.2, §7.4, §8, §9.2, §10).
-- Run: redovisa template test nacka-manadsrapport

local t = form.load("nacka-manadsrapport")

local with = form.with

local READY = {
  ar = 2025, manad = 9, insats = "AMI1", rubrik = "Månadsrapport, september, KLAR", kundmoten = 4,
  progression = "Kunden har sökt 12 jobb och varit på två intervjuer.",
  justeringar = { ej_aktuellt = true, motivering = "Genomförandeplanen gäller oförändrad." },
  behov_annan_insats = "Ej aktuellt – inga nya behov har framkommit.",
  franvaro = {},
}

local SICK = { fran = "2025-09-08", till = "2025-09-10", orsak = "sjuk" }
local LONG_SICK = { fran = "2025-09-08", till = "2025-09-15", orsak = "sjuk", intyg = true }
local INVALID = { fran = "2025-09-22", till = "2025-09-23", orsak = "ogiltig",
  kontaktforsok = { { datum = "2025-09-22" }, { datum = "2025-09-23" }, { datum = "2025-09-24" } } }
local LEAVE = { fran = "2025-09-15", till = "2025-09-19", orsak = "ledighet" }

local function absences(...) return with(READY, { franvaro = { ... } }) end

local function case(c)
  c.today = c.today or "2025-10-03"
  c.period = c.period or "2025-09"
  c.ctx = c.ctx or { enrolment = { start = "2025-05-12" } }
  return c
end

local CERTIFICATE = "Från och med dag åtta ska kunden lämna intyg, som ska vara karriärvägledaren tillhanda inom en vecka."

return form.test(t, {
  case { name = "§8: a report marked ready, with every heading, is valid", answers = READY, valid = true, errors = {}, warnings = {},
    cleaned = { justeringar = { ej_aktuellt = true, motivering = "Genomförandeplanen gäller oförändrad." } } },

  case { name = "what is required", answers = {},
    errors = {
      ar = "Fyll i: År", manad = "Fyll i: Månad", insats = "Välj ett svar: Insats", rubrik = "Fyll i: Rubrik",
      kundmoten = "Fyll i: Antal kundmöten under månaden", progression = "Fyll i: Progression",
      justeringar = "Fyll i: Justeringar", behov_annan_insats = "Fyll i: Behov av annan insats",
    } },

  case { name = "§8.1: a draft is not marked ready", answers = with(READY, { rubrik = "Månadsrapport, september" }),
    errors = { rubrik = "Klarmarkera rapporten: ändra rubriken till \"Månadsrapport, september, KLAR\"." } },

  case { name = "§8.1: the heading names the report's month", answers = with(READY, { rubrik = "Månadsrapport, augusti, KLAR" }),
    errors = { rubrik = "Klarmarkera rapporten: ändra rubriken till \"Månadsrapport, september, KLAR\"." } },

  case { name = "§8.1: case, spaces and the year do not matter", answers = with(READY, { rubrik = "  månadsrapport,  September 2025, klar " }),
    valid = true },

  case { name = "a new report's heading is the month's, not yet ready", period = "2025-10",
    initial = { rubrik = "Månadsrapport, oktober", ar = 2025, manad = 10, progression = form.ABSENT } },

  case { name = "§8.1: Ej aktuellt needs a short motivation",
    answers = with(READY, { justeringar = { ej_aktuellt = true, motivering = " " } }),
    errors = { justeringar = "Motivera kort varför rubriken inte är aktuell." } },

  case { name = "§8.1: Ej aktuellt written as text needs a motivation too",
    answers = with(READY, { behov_annan_insats = "Ej aktuellt." }),
    errors = { behov_annan_insats = "Motivera kort varför rubriken inte är aktuell." } },

  case { name = "§8.1: the need of another intervention may be Ej aktuellt",
    answers = with(READY, { behov_annan_insats = { ej_aktuellt = true, motivering = "Inga nya behov." } }), valid = true },

  case { name = "§7.4: progression is always reported, never Ej aktuellt",
    answers = with(READY, { progression = { ej_aktuellt = true, motivering = "Inget nytt." } }),
    errors = { progression = "Skriv svaret som text." } },

  case { name = "§7.2: fewer customer meetings than weeks is questioned", answers = with(READY, { kundmoten = 3 }), valid = true,
    warnings = { kundmoten = "Kontakt med kunden ska ske minst en gång per vecka: 3 kundmöten på 4 hela veckor." } },

  case { name = "§7.2: a customer who started mid-month needs fewer meetings",
    ctx = { enrolment = { start = "2025-09-15" } }, answers = with(READY, { kundmoten = 2 }), valid = true, warnings = {} },

  case { name = "§7.2: an intervention that ended early in the month too",
    ctx = { enrolment = { start = "2025-05-12", actualEnd = "2025-09-08" } }, answers = with(READY, { kundmoten = 1 }),
    warnings = {} },

  case { name = "§10: a short sick leave needs no certificate", answers = absences(SICK), valid = true,
    hidden = { "franvaro[1].intyg", "franvaro[1].kontaktforsok" } },

  case { name = "§10.1: from day eight of sick leave the certificate is asked", answers = absences(with(LONG_SICK, { intyg = form.ABSENT })),
    visible = { "franvaro[1].intyg" },
    errors = { ["franvaro[1].intyg"] = "Välj ett svar: Har kunden lämnat intyg (läkarintyg eller intyg om vård av barn)?" } },

  case { name = "§10.1: seven days is not yet day eight", answers = absences(with(LONG_SICK, { till = "2025-09-14", intyg = form.ABSENT })),
    valid = true, hidden = { "franvaro[1].intyg" } },

  case { name = "§10.2: the same for the care of a sick child",
    answers = absences({ fran = "2025-09-01", till = "2025-09-08", orsak = "vab" }),
    errors = { ["franvaro[1].intyg"] = true } },

  case { name = "§10.1: a certificate not yet received is questioned, not refused",
    answers = absences(with(LONG_SICK, { intyg = false })), valid = true,
    warnings = { ["franvaro[1].intyg"] = CERTIFICATE } },

  case { name = "§10.1: a certificate received is fine", answers = absences(LONG_SICK), valid = true, warnings = {} },

  case { name = "§10.4: invalid absence with the dates of the contact attempts", answers = absences(INVALID), valid = true,
    visible = { "franvaro[1].kontaktforsok", "franvaro[1].kontaktforsok[1].datum" } },

  case { name = "§10.4: invalid absence needs the contact attempts", answers = absences(with(INVALID, { kontaktforsok = form.ABSENT })),
    errors = { ["franvaro[1].kontaktforsok"] = "Ange datum för kontaktförsöken vid ogiltig frånvaro." } },

  case { name = "§10.4: a contact attempt before the absence is refused",
    answers = absences(with(INVALID, { kontaktforsok = { { datum = "2025-09-19" }, { datum = "2025-09-22" } } })),
    errors = { ["franvaro[1].kontaktforsok[1].datum"] = "Kontaktförsöket kan inte vara före frånvarons första dag." } },

  case { name = "contact attempts of another cause are dropped",
    answers = absences(with(SICK, { kontaktforsok = { { datum = "2025-09-08" } } })), valid = true,
    cleaned = { franvaro = { SICK } } },

  case { name = "§10.3: other absence is explained", answers = absences({ fran = "2025-09-03", till = "2025-09-03", orsak = "annan" }),
    errors = { ["franvaro[1].kommentar"] = "Fyll i: Kommentar" } },

  case { name = "§10: every absence has its dates and cause", answers = absences({}),
    errors = { ["franvaro[1].fran"] = "Fyll i: Från och med", ["franvaro[1].till"] = "Fyll i: Till och med",
               ["franvaro[1].orsak"] = "Välj ett svar: Orsak" } },

  case { name = "the last day is not before the first", answers = absences(with(SICK, { till = "2025-09-07" })),
    errors = { ["franvaro[1].till"] = "Sista dagen kan inte vara före första dagen." } },

  case { name = "an absence is in the report's month", answers = absences(with(SICK, { fran = "2025-10-01", till = "2025-10-02" })),
    errors = { ["franvaro[1].till"] = "Frånvaron ska vara i september 2025, den månad rapporten gäller." } },

  case { name = "an absence that began the month before is reported, its days counted from its start",
    answers = absences(with(SICK, { fran = "2025-08-28" })),
    errors = { ["franvaro[1].intyg"] = true } },

  case { name = "§9.2: leave up to 14 days", answers = absences(LEAVE, { fran = "2025-09-22", till = "2025-09-30", orsak = "ledighet" }),
    valid = true, warnings = {} },

  case { name = "§9.2: longer leave ends the intervention",
    answers = absences(LEAVE, { fran = "2025-09-22", till = "2025-09-30", orsak = "ledighet" }, { fran = "2025-09-01", till = "2025-09-01", orsak = "ledighet" }),
    valid = true,
    warnings = { franvaro = "Ledighet i 15 dagar: vid planerad frånvaro över 14 dagar ska insatsen avslutas och ett nytt beslut om insats fattas." } },

  case { name = "§9.2: customers with establishment benefit (ISA 1) have no leave",
    answers = with(absences(LEAVE), { insats = "ISA1" }),
    errors = { ["franvaro[1].orsak"] = "Kunder med etableringsersättning (ISA 1) kan inte ha ledighet. Rapportera frånvaron med en annan orsak." } },

  case { name = "the year and month must be the report's period", period = "2025-08", answers = with(READY, { rubrik = "Månadsrapport, augusti, KLAR" }),
    errors = { manad = "Rapporten gäller augusti 2025. Välj den perioden." } },

  case { name = "§8: ready from the 1st to the 7th, a later report flagged",
    window = { opens = "2025-10-01", closes = "2025-10-07", late = true } },

  case { name = "the preview shows Ej aktuellt with its motivation", answers = READY,
    summary = { justeringar = "Ej aktuellt: Genomförandeplanen gäller oförändrad.", insats = "AMI 1, arbetsmarknadsinsats 1" } },
})
