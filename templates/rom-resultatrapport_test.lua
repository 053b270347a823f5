-- Tests of templates/rom-resultatrapport.lua, one case (or more) per rule of DOMAIN.md §3
-- (seed 002: R1/SOA, R2/RR, KA-Webbstöd, MSFA).
-- Run: redovisa template test rom-resultatrapport

local t = form.load("rom-resultatrapport")

local with = form.with

local KA = { start = "2025-03-03", agreement = { system = "KA-Webb" } }
local MSFA = { start = "2025-03-03", agreement = { system = "MSFA" } }

local R1_WORK = { typ = "r1", anledning = "arbete", datum = "2025-09-10", arbetsgivare = "Lager i Jordbro" }
local R1_STUDIES = { typ = "r1", anledning = "studier", datum = "2025-09-10", utbildning = "Vård- och omsorgsprogrammet, Komvux" }
local R2_WORK = { typ = "r2", anledning = "arbete", datum = "2025-10-20", arbetsgivare = "Lager i Jordbro" }
local SOA = { typ = "soa", anledning = "arbete", datum = "2025-09-10", arbetsgivare = "Lager i Jordbro" }
local RR = { typ = "rr", anledning = "studier", datum = "2025-10-20", utbildning = "Truckförarutbildning" }

--- An earlier report with `status`, made from answers `a`.
local function report(id, status, a)
  return { id = id, status = status, eventDate = a.datum, templateId = "rom-resultatrapport", answers = a }
end

local function case(c)
  c.today = c.today or "2025-10-21"
  c.event_date = c.event_date or (c.answers and c.answers.datum) or "2025-10-20"
  c.ctx = c.ctx or { enrolment = KA, earlier_reports = {} }
  return c
end

return form.test(t, {
  case { name = "§3: an R1 when the participant got a job is valid", answers = R1_WORK, valid = true, errors = {} },

  case { name = "§3: an R1 when the participant applied for studies is valid", answers = R1_STUDIES, valid = true,
    visible = { "utbildning" }, hidden = { "arbetsgivare" } },

  case { name = "what is required", answers = {},
    errors = { typ = "Välj ett svar: Rapport", anledning = "Välj ett svar: Anledning", datum = "Fyll i: Datum" } },

  case { name = "work names the employer", answers = with(R1_WORK, { arbetsgivare = form.ABSENT }),
    errors = { arbetsgivare = "Fyll i: Arbetsgivare" } },

  case { name = "studies name the education, the employer is dropped",
    answers = with(R1_STUDIES, { utbildning = form.ABSENT, arbetsgivare = "Lager i Jordbro" }),
    errors = { utbildning = "Fyll i: Utbildning och skola" }, cleaned = { arbetsgivare = form.ABSENT } },

  case { name = "§3 KA-Webb: an R2 with the reason of the latest R1 is valid",
    ctx = { enrolment = KA, earlier_reports = { report(1, "approved", R1_WORK) } }, answers = R2_WORK, valid = true, errors = {} },

  case { name = "§3 KA-Webb: an R2 needs an R1 first", answers = R2_WORK,
    errors = { typ = "Skicka först in en R1. En R2 kan bara skickas in efter en R1." } },

  case { name = "§3 KA-Webb: R1 for studies, then R2 cannot be for work",
    ctx = { enrolment = KA, earlier_reports = { report(1, "submitted", R1_STUDIES) } }, answers = R2_WORK,
    errors = { anledning = "En R2 ska ha samma anledning som den senaste R1 (studier, 10 september 2025). Skicka först in en ny R1 för arbete." } },

  case { name = "§3 KA-Webb: a new R1 for work first, then the R2 for work",
    ctx = { enrolment = KA, earlier_reports = { report(1, "approved", R1_STUDIES), report(2, "submitted", with(R1_WORK, { datum = "2025-10-01" })) } },
    answers = R2_WORK, valid = true },

  case { name = "§3 KA-Webb: the latest R1 is the one that counts",
    ctx = { enrolment = KA, earlier_reports = { report(2, "submitted", with(R1_STUDIES, { datum = "2025-10-01" })), report(1, "approved", R1_WORK) } },
    answers = R2_WORK,
    errors = { anledning = "En R2 ska ha samma anledning som den senaste R1 (studier, 1 oktober 2025). Skicka först in en ny R1 för arbete." } },

  case { name = "an R1 made after the R2's date does not count for it",
    ctx = { enrolment = KA, earlier_reports = { report(1, "submitted", with(R1_WORK, { datum = "2025-10-25" })) } },
    today = "2025-10-26", answers = R2_WORK, errors = { typ = "Skicka först in en R1. En R2 kan bara skickas in efter en R1." } },

  case { name = "a draft or withdrawn R1 does not count",
    ctx = { enrolment = KA, earlier_reports = { report(1, "draft", R1_WORK), report(2, "withdrawn", R1_WORK) } },
    answers = R2_WORK, errors = { typ = "Skicka först in en R1. En R2 kan bara skickas in efter en R1." } },

  case { name = "§3 MSFA: an SOA is valid", ctx = { enrolment = MSFA, earlier_reports = {} }, answers = SOA, valid = true },

  case { name = "§3 MSFA: an RR after a handled SOA is valid, whatever the SOA said",
    ctx = { enrolment = MSFA, earlier_reports = { report(1, "approved", SOA) } }, answers = RR, valid = true, errors = {} },

  case { name = "§3 MSFA: an RR needs an SOA first", ctx = { enrolment = MSFA, earlier_reports = {} }, answers = RR,
    errors = { typ = "Skicka först in en SOA. En RR kan bara skickas in när SOA:n har hanterats av Arbetsförmedlingen." } },

  case { name = "§3 MSFA: a submitted SOA must also be handled",
    ctx = { enrolment = MSFA, earlier_reports = { report(1, "submitted", SOA) } }, answers = RR,
    errors = { typ = "SOA:n från 10 september 2025 är inte hanterad av Arbetsförmedlingen än. En RR kan skickas in först när SOA:n har hanterats." } },

  case { name = "§3 MSFA: a returned SOA is not handled either",
    ctx = { enrolment = MSFA, earlier_reports = { report(1, "returned", SOA) } }, answers = RR, errors = { typ = true } },

  case { name = "an R1 is no SOA", ctx = { enrolment = MSFA, earlier_reports = { report(1, "approved", R1_WORK) } },
    answers = RR, errors = { typ = "Skicka först in en SOA. En RR kan bara skickas in när SOA:n har hanterats av Arbetsförmedlingen." } },

  case { name = "R1 and R2 are KA-Webb's", ctx = { enrolment = MSFA, earlier_reports = {} }, answers = R1_WORK,
    errors = { typ = "Deltagaren rapporteras i MSFA: skicka en SOA eller en RR." } },

  case { name = "SOA and RR are MSFA's", answers = SOA, errors = { typ = "Deltagaren rapporteras i KA-Webb: skicka en R1 eller en R2." } },

  case { name = "without the enrolment the kind is taken as given", ctx = { earlier_reports = {} }, answers = SOA, valid = true },

  case { name = "a result cannot lie ahead", today = "2025-09-09", answers = R1_WORK, errors = { datum = "Datumet har inte varit än." } },

  case { name = "the date is the report's event date", event_date = "2025-09-11", answers = R1_WORK,
    errors = { datum = "Rapporten gäller 11 september 2025. Ange det datumet." } },

  case { name = "no window: as soon as the provider knows", window = form.ABSENT },
})
