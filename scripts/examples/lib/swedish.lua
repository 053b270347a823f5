-- examples/lib/swedish.lua: Swedish names of months and weekdays, and dates written out.
-- A module: other scripts load it with `require("examples.lib.swedish")` and get the table
-- that this file returns. Everything in it is local, so it adds no globals to the run.

local swedish = {}

swedish.months = {
  "januari", "februari", "mars", "april", "maj", "juni",
  "juli", "augusti", "september", "oktober", "november", "december",
}

-- Monday first, as in Sweden.
swedish.weekdays = { "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag" }

--- Splits "YYYY-MM-DD" into three integers; raises an error blaming the caller otherwise.
---@param date string
---@return integer year, integer month, integer day
function swedish.parse_date(date)
  local y, m, d = tostring(date):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then
    error(("expected a date as YYYY-MM-DD, got %q"):format(tostring(date)), 2)
  end
  y, m, d = math.tointeger(tonumber(y)), math.tointeger(tonumber(m)), math.tointeger(tonumber(d))
  if m < 1 or m > 12 or d < 1 or d > 31 then
    error(("no such date: %s"):format(date), 2)
  end
  return y, m, d
end

--- The name of month `month` (1–12): `swedish.month_name(10)` → "oktober".
---@param month integer
---@return string
function swedish.month_name(month)
  local name = swedish.months[month]
  if not name then error(("month must be 1 to 12, got %s"):format(tostring(month)), 2) end
  return name
end

--- The weekday of a "YYYY-MM-DD" date, 1 = Monday … 7 = Sunday (Sakamoto's method, integers only).
---@param date string
---@return integer
function swedish.weekday_number(date)
  local y, m, d = swedish.parse_date(date)
  local offsets = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 }
  if m < 3 then y = y - 1 end
  local sunday_first = (y + y // 4 - y // 100 + y // 400 + offsets[m] + d) % 7 -- 0 = Sunday
  return (sunday_first + 6) % 7 + 1
end

--- The weekday's name: `swedish.weekday_name("2025-10-14")` → "tisdag".
---@param date string
---@return string
function swedish.weekday_name(date)
  return swedish.weekdays[swedish.weekday_number(date)]
end

--- A date written out: `swedish.long_date("2025-10-14")` → "tisdag 14 oktober 2025".
---@param date string
---@return string
function swedish.long_date(date)
  local y, m, d = swedish.parse_date(date)
  return ("%s %d %s %d"):format(swedish.weekday_name(date), d, swedish.months[m], y)
end

return swedish
