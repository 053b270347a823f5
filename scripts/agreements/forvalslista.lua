-- forvalslista.lua: Nacka kommun, kundval arbete och etablering — the default provider list
-- (förvalslista, seed 004 §5.4.1; scripts/agreements/README.md explains the decisions).
--
--   local forval = require("agreements.forvalslista")
--   local answer = forval.on{ choice = "FAI", on = "2025-10-14" }
--   print(answer.provider.name)
--
-- `redovisa forval --choice FAI --on 2025-10-14` runs `on` and prints the answer. `default`
-- does the work on a list of providers given to it, so the tests beside this file need no
-- database.
--
-- The rules:
--   * There is one list per customer choice (FAI, AMI, ISA): the providers authorised for it,
--     ordered by authorisation date (then by code, for the same date).
--   * Every provider on the list is the default provider for a two-week period in turn; the
--     turn passes down the list and starts again at the top.
--   * A newly authorised provider is appended: it joins the list at the first period that
--     starts on or after its authorisation date, after the providers already there, and gets
--     its first turn when the turn reaches the end of the list.
--   * The periods run on without a break from Monday 1 January 2024 (the epoch): 1–14 January,
--     15–28 January, … — not restarted each year, so every period is two whole weeks.

local M = {}

-- Monday 1 January 2024: the first day of the first period (the seed's rules are from 2024).
M.epoch = "2024-01-01"
M.period_days = 14

--- The period `date` is in: its number (0 from the epoch), first and last day.
function M.period(date)
  local days = calendar.days_between(M.epoch, date)
  if days < 0 then error(("förvalslistan börjar %s; %s är före"):format(M.epoch, date), 2) end
  local number = days // M.period_days
  local first = calendar.add_days(M.epoch, number * M.period_days)
  return number, first, calendar.add_days(first, M.period_days - 1)
end

--- The list of `choice`: the providers authorised for it, each as { code, name, since }, by
--- authorisation date, then code.
function M.list(providers, choice)
  local list = {}
  for _, provider in ipairs(providers) do
    local since
    for _, authorisation in ipairs(provider.authorisations or {}) do
      if authorisation.choice == choice and (not since or authorisation.since < since) then since = authorisation.since end
    end
    if since then list[#list + 1] = { code = provider.code, name = provider.name, since = since } end
  end
  table.sort(list, function(a, b)
    if a.since ~= b.since then return a.since < b.since end
    return a.code < b.code
  end)
  return list
end

--- The default provider of `choice` on `date`, from `providers` (as billing.providers()):
--- { choice, on, period = { number, first, last }, provider = { code, name, since } or nil,
---   position (on the list), list = the list as it stood in that period }.
function M.default(providers, choice, date)
  local list = M.list(providers, choice)
  local number, first, last = M.period(date)
  -- Walk the turns from the epoch: in each period the list holds the providers authorised by
  -- its first day, and the turn moves one down (back to the top after the last).
  local position = 0
  local size = 0
  for k = 0, number do
    local start = calendar.add_days(M.epoch, k * M.period_days)
    size = 0
    while size < #list and list[size + 1].since <= start do size = size + 1 end
    if size > 0 then position = position % size + 1 end
  end
  local current = {}
  for i = 1, size do current[i] = list[i] end
  return {
    choice = choice, on = date, period = { number = number, first = first, last = last },
    provider = size > 0 and list[position] or nil, position = size > 0 and position or nil, list = current,
  }
end

--- The default provider of `options.choice` on `options.on` (default clock.today()), from the
--- providers in the register.
function M.on(options)
  local choice = options.choice
  assert(choice == "FAI" or choice == "AMI" or choice == "ISA", "choice must be FAI, AMI or ISA")
  return M.default(billing.providers{ choice = choice }, choice, options.on or clock.today())
end

return M
