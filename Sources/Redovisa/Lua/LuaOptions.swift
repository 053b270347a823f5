import LuaHost

/// The table of named options a domain function takes, `reports.find{period = "2025-09"}`, read
/// with the errors a script author can act on:
/// `bad argument #1 to 'reports.find' (option 'period': "YYYY-MM" expected, got "2025-9")`.
///
/// Unknown names are refused rather than ignored, so that a misspelt filter (`peroid`) never
/// silently widens a query.
struct LuaOptions {
    let call: LuaCall
    let position: Int
    let table: LuaTable

    /// The options at argument `position`; an absent argument is an empty table.
    /// - Throws: a bad argument for a value that is not a table, a list, or a name not in `allowed`.
    init(_ call: LuaCall, _ position: Int = 1, allowed: [String]) throws(LuaError) {
        self.call = call
        self.position = position
        switch call.argument(position) {
        case .nil:
            table = LuaTable()
        case .table(let table):
            guard table.array.isEmpty else {
                throw call.badArgument(position, "options must be named (name = value), got a list")
            }
            let unknown = table.hash.keys.map { key in key.stringValue ?? key.luaLiteral }.filter { !allowed.contains($0) }
            if let first = unknown.sorted().first {
                throw call.badArgument(
                    position, "unknown option '\(first)' (expected \(allowed.joined(separator: ", ")))")
            }
            self.table = table
        case let other:
            throw call.badArgument(position, "table of options expected, got \(other.typeName)")
        }
    }

    /// The error for option `name`: `bad argument #1 to 'f' (option 'name': problem)`.
    func problem(_ name: String, _ text: String) -> LuaError {
        call.badArgument(position, "option '\(name)': \(text)")
    }

    private func expected(_ name: String, _ type: String) -> LuaError {
        problem(name, "\(type) expected, got \(table[name].typeName)")
    }

    /// Whether option `name` was given.
    func has(_ name: String) -> Bool {
        if case .nil = table[name] { return false }
        return true
    }

    /// `value`, or the error that option `name` is required.
    func required<Value>(_ value: Value?, _ name: String) throws(LuaError) -> Value {
        guard let value else { throw call.badArgument(position, "option '\(name)' is required") }
        return value
    }

    func string(_ name: String) throws(LuaError) -> String? {
        switch table[name] {
        case .nil: return nil
        case .string(let text): return text
        default: throw expected(name, "string")
        }
    }

    func integer(_ name: String) throws(LuaError) -> Int64? {
        let value = table[name]
        if case .nil = value { return nil }
        guard let integer = value.integerValue else {
            if value.doubleValue != nil { throw problem(name, "number has no integer representation") }
            throw expected(name, "integer")
        }
        return integer
    }

    /// An integer option within `range`, or `defaultValue` when absent.
    func count(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws(LuaError) -> Int {
        guard let value = try integer(name) else { return defaultValue }
        guard let count = Int(exactly: value), range.contains(count) else {
            throw problem(name, "must be \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return count
    }

    /// One string or a list of them: `"FAI1"` or `{ "FAI1", "AMI2" }` (absent: empty).
    func strings(_ name: String) throws(LuaError) -> [String] {
        switch table[name] {
        case .nil: return []
        case .string(let text): return [text]
        case .table(let list) where list.hash.isEmpty && !list.array.isEmpty:
            var texts: [String] = []
            for (index, item) in list.array.enumerated() {
                guard let text = item.stringValue else { throw problem(name, "item \(index + 1): string expected, got \(item.typeName)") }
                texts.append(text)
            }
            return texts
        default: throw expected(name, "string or list of strings")
        }
    }

    /// A month, `"YYYY-MM"`.
    func period(_ name: String) throws(LuaError) -> Period? {
        guard let text = try string(name) else { return nil }
        guard let period = Period(text) else { throw problem(name, "\"YYYY-MM\" expected, got \(LuaValue.string(text).luaLiteral)") }
        return period
    }

    /// A date, `"YYYY-MM-DD"`.
    func date(_ name: String) throws(LuaError) -> LocalDate? {
        guard let text = try string(name) else { return nil }
        guard let date = LocalDate(text) else {
            throw problem(name, "\"YYYY-MM-DD\" expected, got \(LuaValue.string(text).luaLiteral)")
        }
        return date
    }

    /// One status or a list of them: `"submitted"` or `{ "submitted", "resubmitted" }`.
    func statuses(_ name: String) throws(LuaError) -> [ReportStatus] {
        let texts: [LuaValue]
        switch table[name] {
        case .nil: return []
        case .string: texts = [table[name]]
        case .table(let list) where list.hash.isEmpty: texts = list.array
        default: throw expected(name, "status or list of statuses")
        }
        var statuses: [ReportStatus] = []
        for text in texts {
            guard let raw = text.stringValue, let status = ReportStatus(rawValue: raw) else {
                let names = ReportStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw problem(name, "unknown status \(text.luaLiteral) (one of \(names))")
            }
            statuses.append(status)
        }
        return statuses
    }

    /// Answers of a report: a table (absent: `default`).
    func answers(_ name: String, default defaultValue: JSONValue? = nil) throws(LuaError) -> JSONValue? {
        switch table[name] {
        case .nil: return defaultValue
        case .table:
            do {
                return try JSONValue(lua: table[name], path: name)
            } catch {
                throw call.badArgument(position, error.message)
            }
        default: throw expected(name, "table")
        }
    }

    /// An office: its id, or `"ORGANISATION/OFFICE"` by codes (`"nacka/norr"`).
    func office(_ name: String, in domain: LuaDomainContext) throws(LuaError) -> Int64? {
        switch table[name] {
        case .nil: return nil
        case .string(let text):
            let codes = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard codes.count == 2 else {
                throw problem(name, "an office id or \"ORGANISATION/OFFICE\" expected, got \(table[name].luaLiteral)")
            }
            let office = try DomainModules.lookup { () throws(RedovisaError) -> Office? in
                guard let organisation = try domain.database.organisation(code: codes[0]) else { return nil }
                return try domain.database.office(code: codes[1], organisationId: organisation.id!)
            }
            guard let id = office?.id else { throw problem(name, "no office \(table[name].luaLiteral)") }
            return id
        case let value:
            guard let id = value.integerValue else {
                throw problem(name, "an office id or \"ORGANISATION/OFFICE\" expected, got \(value.typeName)")
            }
            return id
        }
    }

    /// An organisation (a provider): its id, or its code (`"jobbexpert"`).
    func organisation(_ name: String, in domain: LuaDomainContext) throws(LuaError) -> Int64? {
        switch table[name] {
        case .nil: return nil
        case .string(let code):
            let organisation = try DomainModules.lookup { () throws(RedovisaError) in
                try domain.database.organisation(code: code)
            }
            guard let id = organisation?.id else { throw problem(name, "no organisation \(table[name].luaLiteral)") }
            return id
        case let value:
            guard let id = value.integerValue else {
                throw problem(name, "an organisation id or code expected, got \(value.typeName)")
            }
            return id
        }
    }
}
