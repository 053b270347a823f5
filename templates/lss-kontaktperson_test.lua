-- Tests of templates/lss-kontaktperson.lua, one case per rule of DOMAIN.md §2.
-- Run: redovisa template test lss-kontaktperson

local t = form.load("lss-kontaktperson")

local function answers(changes)
  return form.with({
    klient_fornamn = "Anna", klient_efternamn = "Åberg", ar = 2025, manad = 9,
    alla_tillfallen = "ja_alla", aktiviteter = "Bio och fika.",
    personnummer = "198112189876", fornamn = "Kalle", efternamn = "Kontakt",
    epost = "kalle@example.se", notifiering = { "epost" }, bekraftelse = true,
  }, changes)
end

return form.test(t, {
  { name = "a complete report is valid", today = "2025-10-03", period = "2025-09", answers = answers(), valid = true,
    errors = {} },

  { name = "step 1 and 2: every starred field is required", today = "2025-10-03", period = "2025-09", answers = {},
    errors = {
      klient_fornamn = "Fyll i: Förnamn på personen du är kontaktperson för",
      klient_efternamn = "Fyll i: Efternamn på personen du är kontaktperson för",
      ar = "Fyll i: År", manad = "Fyll i: Månad",
      alla_tillfallen = "Välj ett svar: Jag har utfört alla tillfällen enligt överenskommelsen",
      personnummer = "Fyll i: Personnummer (ÅÅÅÅMMDDXXXX)", fornamn = "Fyll i: Förnamn", efternamn = "Fyll i: Efternamn",
      bekraftelse = "Du måste bekräfta: Jag förstår",
    } },

  { name = "Ja, alla: activities required, the reason hidden and dropped", period = "2025-09",
    answers = answers{ aktiviteter = form.ABSENT, anledning = "dold" },
    errors = { aktiviteter = "Fyll i: Vilken/vilka aktiviteter har ni utfört?" },
    visible = { "aktiviteter" }, hidden = { "anledning" }, cleaned = { anledning = form.ABSENT } },

  { name = "Nej, men några: both activities and the reason required", period = "2025-09",
    answers = answers{ alla_tillfallen = "nej_nagra", aktiviteter = form.ABSENT },
    errors = {
      aktiviteter = "Fyll i: Vilken/vilka aktiviteter har ni utfört?",
      anledning = "Fyll i: Vad är anledningen till att du inte har utfört alla tillfällen enligt överenskommelsen?",
    },
    visible = { "aktiviteter", "anledning" } },

  { name = "Nej: the reason required, activities hidden and dropped", period = "2025-09",
    answers = answers{ alla_tillfallen = "nej" },
    errors = { anledning = "Fyll i: Vad är anledningen till att du inte har utfört alla tillfällen enligt överenskommelsen?" },
    hidden = { "aktiviteter" }, visible = { "anledning" } },

  { name = "Nej with a reason is valid and drops the activities", period = "2025-09",
    answers = answers{ alla_tillfallen = "nej", anledning = "Personen var sjuk hela månaden." },
    valid = true, cleaned = { aktiviteter = form.ABSENT, anledning = "Personen var sjuk hela månaden." } },

  { name = "the answer must be one of the three", period = "2025-09", answers = answers{ alla_tillfallen = "kanske" },
    errors = { alla_tillfallen = "Välj ett av alternativen." } },

  { name = "the personnummer has 12 digits", period = "2025-09", answers = answers{ personnummer = "8112189876" },
    errors = { personnummer = "Ange personnumret med 12 siffror (ÅÅÅÅMMDDXXXX)." } },

  { name = "the personnummer's check digit is checked", period = "2025-09", answers = answers{ personnummer = "198112189877" },
    errors = { personnummer = "Kontrollsiffran stämmer inte. Kontrollera personnumret." } },

  { name = "a samordningsnummer (day + 60) is accepted", period = "2025-09",
    answers = answers{ personnummer = "198112789808" }, valid = true },

  { name = "notification by e-mail needs the e-mail address", period = "2025-09",
    answers = answers{ epost = form.ABSENT },
    errors = { epost = "Fyll i e-postadress för att bli notifierad via e-post." } },

  { name = "notification by SMS needs the mobile number", period = "2025-09",
    answers = answers{ notifiering = { "sms" } },
    errors = { mobil = "Fyll i mobiltelefon för att bli notifierad via SMS." } },

  { name = "a bad e-mail address is refused", period = "2025-09", answers = answers{ epost = "kalle@example" },
    errors = { epost = "Ange en giltig e-postadress, till exempel namn@exempel.se." } },

  { name = "the confirmation must be given", period = "2025-09", answers = answers{ bekraftelse = false },
    errors = { bekraftelse = "Du måste bekräfta för att kunna skicka in." } },

  { name = "the year and month must be the report's period", period = "2025-08", answers = answers(),
    errors = { manad = "Rapporten gäller augusti 2025. Välj den perioden." } },

  { name = "an unknown answer id is refused", period = "2025-09", answers = answers{ klient = "Anna" },
    errors = { klient = "Okänt fält: mallen har ingen fråga med det namnet." } },

  { name = "the window is the 1st to the 10th of the next month, late accepted", period = "2025-12",
    window = { opens = "2026-01-01", closes = "2026-01-10", late = true } },

  { name = "the preview shows labels of the answers", period = "2025-09", answers = answers{ notifiering = { "epost", "sms" }, mobil = "070-123 45 67" },
    summary = { alla_tillfallen = "Ja, alla", notifiering = "Jag vill bli notifierad via e-post, Jag vill bli notifierad via SMS",
                bekraftelse = "Jag förstår", mobil = "0701234567" } },

  { name = "the receipt names the case and the person reported for", period = "2025-09", answers = answers(),
    receipt = { text = "Ditt ärende är nu inskickat\nÄrendenummer: 2025-000001\nInskickat av: Test Testsson\n"
      .. "Tidpunkt: 2025-10-03 12:00\nRapporten gäller Anna Åberg.\n"
      .. "Du kan följa ditt ärende och skriva till handläggaren på Mina sidor." } },

  { name = "contact details are remembered, the month is not copied", period = "2025-10",
    previous = answers(), remembered = { personnummer = "198112189876", epost = "kalle@example.se", fornamn = "Kalle" },
    initial = { personnummer = "198112189876", epost = "kalle@example.se", ar = 2025, manad = 10,
                alla_tillfallen = form.ABSENT, aktiviteter = form.ABSENT, bekraftelse = form.ABSENT,
                klient_fornamn = "Anna" } },
})
