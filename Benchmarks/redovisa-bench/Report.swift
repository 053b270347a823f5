import LuaHost

/// One activity of a monthly report: a session on a date.
struct ActivityRow: Codable, Equatable {
    var date: String
    var kind: String
    var hours: Double
}

/// The monthly report the benchmark validates: twelve fields, one of them an array of rows.
struct MonthlyReport: Codable, Equatable {
    var personId: Int
    var personnummer: String
    var year: Int
    var month: Int
    var agreedSessions: Int
    var sessionsHeld: Int
    var hours: Double
    var activities: [ActivityRow]
    var email: String
    var phone: String
    var confirmed: Bool
    var comment: String?
}

/// What the Lua validator returns.
struct Verdict: Decodable, Equatable {
    var ok: Bool
    var messages: [String]
}

enum Workload {
    /// A realistic report: everything is valid except that one agreed session was not held and
    /// no comment says why, so the verdict carries exactly one message.
    static let report = MonthlyReport(
        personId: 4711,
        personnummer: "19121212-1212",
        year: 2025,
        month: 10,
        agreedSessions: 8,
        sessionsHeld: 7,
        hours: 19.5,
        activities: [
            ActivityRow(date: "2025-10-02", kind: "sfi", hours: 2.5),
            ActivityRow(date: "2025-10-06", kind: "praktik", hours: 4.0),
            ActivityRow(date: "2025-10-09", kind: "samtal", hours: 1.0),
            ActivityRow(date: "2025-10-13", kind: "sfi", hours: 2.5),
            ActivityRow(date: "2025-10-16", kind: "praktik", hours: 4.0),
            ActivityRow(date: "2025-10-20", kind: "kurs", hours: 3.0),
            ActivityRow(date: "2025-10-23", kind: "sfi", hours: 2.5),
        ],
        email: "tolvan.tolvansson@example.se",
        phone: "070-123 45 67",
        confirmed: true,
        comment: nil)

    static let expectedVerdict = Verdict(
        ok: false, messages: ["comment: required when fewer sessions were held (7) than agreed (8)"])

    /// The validator, run unchanged by the sandbox and by the standalone `lua5.4`. It defines the
    /// global function `validate(report)` that returns `{ok = bool, messages = {...}}`.
    static let validationSource = #"""
        local KINDS = { sfi = true, praktik = true, samtal = true, kurs = true, studiebesok = true, handledning = true }
        local DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

        local function is_leap(y)
          return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
        end

        local function days_in(y, m)
          if m == 2 and is_leap(y) then return 29 end
          return DAYS[m]
        end

        local function integer_in(v, lo, hi)
          return math.type(v) == "integer" and v >= lo and v <= hi
        end

        local function quarter_hours(h)
          return h * 4 == math.floor(h * 4)
        end

        local function luhn(digits)
          local sum = 0
          for i = 1, #digits do
            local d = digits:byte(i) - 48
            if i % 2 == 1 then
              d = d * 2
              if d > 9 then d = d - 9 end
            end
            sum = sum + d
          end
          return sum % 10 == 0
        end

        local function check_personnummer(p, add)
          if type(p) ~= "string" then return add("personnummer: required") end
          local cc, yy, mm, dd, last = p:match("^(%d%d)(%d%d)(%d%d)(%d%d)%-?(%d%d%d%d)$")
          if not cc then
            yy, mm, dd, last = p:match("^(%d%d)(%d%d)(%d%d)[%-+]?(%d%d%d%d)$")
            if not yy then return add("personnummer: expected YYYYMMDD-NNNN or YYMMDD-NNNN") end
          end
          local month, day = tonumber(mm), tonumber(dd)
          if day > 60 then day = day - 60 end -- samordningsnummer
          local year = cc and tonumber(cc .. yy) or 1900 + tonumber(yy)
          if month < 1 or month > 12 or day < 1 or day > days_in(year, month) then
            return add("personnummer: " .. yy .. mm .. dd .. " is not a date")
          end
          if not luhn(yy .. mm .. dd .. last) then
            return add("personnummer: the check digit is wrong")
          end
        end

        local function check_email(e, add)
          if type(e) ~= "string" or e == "" then return add("email: required") end
          if #e > 254 then return add("email: longer than 254 characters") end
          local user, domain = e:match("^([%w%.%%+_%-]+)@([%w%.%-]+%.%a%a+)$")
          if not user then return add("email: '" .. e .. "' is not an e-mail address") end
          if user:find("..", 1, true) or domain:find("..", 1, true)
              or user:sub(1, 1) == "." or user:sub(-1) == "." then
            return add("email: '" .. e .. "' has misplaced dots")
          end
        end

        local function check_phone(ph, add)
          if type(ph) ~= "string" or ph == "" then return add("phone: required") end
          local digits = ph:gsub("[%s%-()]", "")
          if not digits:match("^%+?%d+$") then
            return add("phone: only digits, spaces, dashes and a leading + are allowed")
          end
          local national = digits:gsub("^%+46", "0")
          if #national < 8 or #national > 13 or national:sub(1, 1) ~= "0" then
            return add("phone: expected a Swedish number such as 070-123 45 67")
          end
        end

        function validate(r)
          local messages = {}
          local function add(m) messages[#messages + 1] = m end

          if not integer_in(r.personId, 1, math.maxinteger) then add("personId: expected a positive integer") end
          check_personnummer(r.personnummer, add)
          local year_ok = integer_in(r.year, 2020, 2100)
          if not year_ok then add("year: expected 2020-2100") end
          local month_ok = integer_in(r.month, 1, 12)
          if not month_ok then add("month: expected 1-12") end
          local agreed, held = r.agreedSessions, r.sessionsHeld
          if not integer_in(agreed, 0, 31) then add("agreedSessions: expected 0-31"); agreed = nil end
          if not integer_in(held, 0, 31) then add("sessionsHeld: expected 0-31"); held = nil end
          local hours = r.hours
          if type(hours) ~= "number" or hours < 0 or hours > 200 or not quarter_hours(hours) then
            add("hours: expected 0-200 in quarter hours"); hours = nil
          end

          local rows = r.activities
          if type(rows) ~= "table" then
            add("activities: required")
          else
            local sum, seen = 0, {}
            for i, row in ipairs(rows) do
              local where = "activities[" .. i .. "]"
              local y, m, d
              if type(row.date) == "string" then y, m, d = row.date:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$") end
              if not y then
                add(where .. ".date: expected YYYY-MM-DD")
              else
                y, m, d = tonumber(y), tonumber(m), tonumber(d)
                if year_ok and month_ok and (y ~= r.year or m ~= r.month) then
                  add(where .. ".date: " .. row.date .. " is not in " .. string.format("%04d-%02d", r.year, r.month))
                elseif m < 1 or m > 12 or d < 1 or d > days_in(y, m) then
                  add(where .. ".date: " .. row.date .. " is not a date")
                end
              end
              if not KINDS[row.kind] then add(where .. ".kind: unknown kind " .. tostring(row.kind)) end
              local h = row.hours
              if type(h) ~= "number" or h <= 0 or h > 8 or not quarter_hours(h) then
                add(where .. ".hours: expected 0.25-8 in quarter hours")
              else
                sum = sum + h
              end
              local key = tostring(row.date) .. "/" .. tostring(row.kind)
              if seen[key] then add(where .. ": same date and kind as activities[" .. seen[key] .. "]") end
              seen[key] = i
            end
            if held and #rows ~= held then
              add("activities: " .. #rows .. " rows but sessionsHeld is " .. held)
            end
            if hours and math.abs(sum - hours) > 1e-9 then
              add(string.format("hours: %.2f but the activities add up to %.2f", hours, sum))
            end
          end

          check_email(r.email, add)
          check_phone(r.phone, add)
          if type(r.confirmed) ~= "boolean" then
            add("confirmed: expected true or false")
          elseif not r.confirmed then
            add("confirmed: the report must be confirmed before it is sent")
          end
          local comment = r.comment
          if comment ~= nil then
            if type(comment) ~= "string" then
              add("comment: expected text")
            else
              local length = utf8.len(comment)
              if length == nil then add("comment: not UTF-8")
              elseif length > 1000 then add("comment: longer than 1000 characters") end
            end
          end
          local blank = comment == nil or (type(comment) == "string" and not comment:find("%S"))
          if agreed and held and held < agreed and blank then
            add("comment: required when fewer sessions were held (" .. held .. ") than agreed (" .. agreed .. ")")
          end
          if held and held > 0 and hours == 0 then add("hours: required when sessions were held") end
          return { ok = #messages == 0, messages = messages }
        end

        -- A trivial function with the same argument and the same shape of result: what a call
        -- costs the host when Lua does next to nothing.
        function trivial(r)
          return { ok = false, messages = { "comment: required" } }
        end

        -- The Lua-heavy loop of (d): integer arithmetic, no allocation, no calls.
        function spin(n)
          local s = 0
          for i = 1, n do s = (s + i * 7) % 1000003 end
          return s
        end
        """#

    /// Loop iterations of one `spin` call in (d).
    static let spinIterations = 1_000_000

    /// The standalone validation run `count` times and nothing else, for profiling the
    /// interpreter (`redovisa-bench --emit-lua N > v.lua; valgrind --tool=callgrind lua5.4 v.lua`).
    static func standaloneProfileSource(count: Int) throws -> String {
        let literal = try LuaValueEncoder().encode(report).luaLiteral
        return validationSource + """

            local function make_report()
              return \(literal)
            end
            for _ = 1, \(count) do validate(make_report()) end

            """
    }

    /// The standalone driver for (b): the same validator, a fresh table built by a constructor on
    /// every call (the construction work the host does per call), timed with os.clock.
    /// `lua5.4 driver.lua REPS N SECONDS`: N calls per repetition, or 0 to calibrate N so that one
    /// repetition takes SECONDS. Prints `check <ok> <count> <first message>` once, then
    /// `rate <calls/s> <n> <seconds>` per repetition.
    static func standaloneSource() throws -> String {
        let literal = try LuaValueEncoder().encode(report).luaLiteral
        return validationSource + """

            local function make_report()
              return \(literal)
            end

            local v = validate(make_report())
            print("check " .. tostring(v.ok) .. " " .. #v.messages .. " " .. (v.messages[1] or ""))

            local clock = os.clock
            local function bench(n)
              local t0 = clock()
              for _ = 1, n do validate(make_report()) end
              return clock() - t0
            end

            local reps, n, target = tonumber(arg[1]) or 5, tonumber(arg[2]) or 0, tonumber(arg[3]) or 0.25
            if n > 0 then
              bench(math.min(n, 2000)) -- warm up
            else
              -- warm up and calibrate: grow n until one batch takes 0.1 s
              local t
              n = 64
              repeat n = n * 2; t = bench(n) until t >= 0.1
              n = math.max(1, math.ceil(n * target / t))
            end
            for _ = 1, reps do
              local seconds = bench(n)
              print(string.format("rate %.17g %d %.17g", n / seconds, n, seconds))
            end

            """
    }
}
