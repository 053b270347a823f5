import Foundation
import Redovisa

/// The same rules run by the standalone `lua5.4` over answers already in memory: the engine
/// (form.lua) and the template are loaded, the answers are Lua table constructors, and
/// `form.check_batch` runs over pages of 1000, timed by `os.clock` — the interpreter's own
/// ceiling for this work.
enum Standalone {
    /// The Lua program, with `count` distinct reports checked `rounds` times.
    static func program(engine: String, template: String, answers: [(JSONValue, Period)], rounds: Int) -> String {
        var lua = "clock = { today = function() return \"2025-10-03\" end }\n"
        lua += "local engine = load(\(luaString(engine)), \"=form.lua\", \"t\", _ENV)\nengine()\n"
        lua += "local template = load(\(luaString(template)), \"=templates/lss-kontaktperson.lua\", \"t\", _ENV)\ntemplate()\n"
        lua += "local pages, page = {}, {}\n"
        for (index, (answers, period)) in answers.enumerated() {
            lua += "page[#page + 1] = { report_id = \(index + 1), person_id = 1, enrolment_id = 1, period = \"\(period)\", answers = \(literal(answers)) }\n"
            if (index + 1) % 1000 == 0 { lua += "pages[#pages + 1] = page; page = {}\n" }
        }
        lua += """
            if #page > 0 then pages[#pages + 1] = page end
            local invalid, checked = 0, 0
            for _, p in ipairs(pages) do invalid = invalid + #form.check_batch("lss-kontaktperson", 1, p, "2025-10-03").invalid end
            local t0 = os.clock()
            for _ = 1, \(rounds) do
              for _, p in ipairs(pages) do checked = checked + form.check_batch("lss-kontaktperson", 1, p, "2025-10-03").checked end
            end
            local seconds = os.clock() - t0
            print(string.format("%d %d %.6f", checked, invalid, seconds))
            """
        return lua
    }

    /// Runs `lua5.4` on the program; returns (reports checked, invalid among the distinct ones,
    /// CPU seconds), or nil when the interpreter is missing.
    static func run(_ program: String) throws -> (checked: Int, invalid: Int, seconds: Double)? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("redovisa-template-bench.lua")
        try program.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["lua5.4", file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.count == 3, let checked = Int(parts[0]), let invalid = Int(parts[1]), let seconds = Double(parts[2]) else { return nil }
        return (checked, invalid, seconds)
    }

    /// A Lua string literal: bytes outside printable ASCII as decimal escapes.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case 32..<127: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "\\" + String(byte)
            }
        }
        return out + "\""
    }

    static func luaString(_ text: String) -> String {
        var level = 1
        while text.contains("]" + String(repeating: "=", count: level) + "]") { level += 1 }
        let eq = String(repeating: "=", count: level)
        return "[" + eq + "[\n" + text + "]" + eq + "]"
    }

    static func literal(_ value: JSONValue) -> String {
        switch value {
        case .null: return "nil"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return "\(d)"
        case .string(let s): return quoted(s)
        case .array(let items): return "{" + items.map(literal).joined(separator: ", ") + "}"
        case .object(let members):
            return "{" + members.sorted { $0.key < $1.key }.map { "\($0.key) = \(literal($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}
