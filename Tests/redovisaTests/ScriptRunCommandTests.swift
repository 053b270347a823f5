import Foundation
import Testing

/// `redovisa script run` as an administrator uses it, through its full output.
struct ScriptRunCommandTests {
    @Test func printsWhatTheScriptReturnsAsLuaLiterals() throws {
        // Given a script that returns a table and a number, and prints on the way
        let dir = try CommandRunner.folder(withScripts: [
            "scripts/hello.lua": """
                print("Hej", clock.today())
                return { namn = "Åsa Öberg", timmar = 2.5, rader = {1, 2} }, 3
                """
        ])
        // When it is run as of a given date
        let output = try CommandRunner.run(["script", "run", "scripts/hello.lua", "--as-of", "2025-10-14"], in: dir)
        // Then stdout has one literal per result and the print line is on stderr with the script's line
        #expect(output.status == 0)
        #expect(output.standardOutput == "{namn = \"Åsa Öberg\", rader = {1, 2}, timmar = 2.5}\n3\n")
        #expect(output.standardError == "scripts/hello.lua:1: Hej\t2025-10-14\n")
    }

    @Test func printsJSONWithTheJsonFlag() throws {
        let dir = try CommandRunner.folder(withScripts: ["r.lua": "return { ok = true, messages = {} , n = 7 }"])
        let output = try CommandRunner.run(["script", "run", "r.lua", "--json"], in: dir)
        #expect(output.status == 0)
        #expect(output.standardOutput == "{\n  \"messages\": {},\n  \"n\": 7,\n  \"ok\": true\n}\n")
    }

    @Test func aScriptErrorPrintsFileLineMessageAndExitsOne() throws {
        let dir = try CommandRunner.folder(withScripts: ["scripts/x.lua": "local rows = nil\n\nreturn #rows\n"])
        let output = try CommandRunner.run(["script", "run", "scripts/x.lua"], in: dir)
        #expect(output.status == 1)
        #expect(output.standardOutput == "")
        #expect(output.standardError.hasPrefix("scripts/x.lua:3: attempt to get length of a nil value (local 'rows')\nstack traceback:\n"))
    }

    @Test func aSyntaxErrorGetsAClearMessage() throws {
        let dir = try CommandRunner.folder(withScripts: ["s.lua": "return {\n"])
        let output = try CommandRunner.run(["script", "run", "s.lua"], in: dir)
        #expect(output.status == 1)
        #expect(output.standardError == "s.lua:2: unexpected symbol near <eof>\n")
    }

    @Test func aMissingFileAndANonUTF8FileGetClearMessages() throws {
        // "return 'Kåre'" saved as Latin-1: å is the single byte 0xE5
        let latin1Bytes = Data("-- ok\nreturn 'K".utf8) + Data([0xE5]) + Data("re'".utf8)
        let dir = try CommandRunner.folder(with: ["latin1.lua": latin1Bytes])
        let missing = try CommandRunner.run(["script", "run", "nope.lua"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.standardError == "nope.lua: no such file\n")
        let latin1 = try CommandRunner.run(["script", "run", "latin1.lua"], in: dir)
        #expect(latin1.status == 1)
        #expect(latin1.standardError == "latin1.lua:2: not UTF-8 text (save the file as UTF-8)\n")
    }

    @Test func limitOptionsStopARunawayScriptAndNameTheLimit() throws {
        let dir = try CommandRunner.folder(withScripts: [
            "loop.lua": "while true do end",
            "mem.lua": "local s = 'x'\nwhile true do s = s .. s end",
        ])
        let loop = try CommandRunner.run(["script", "run", "loop.lua", "--max-instructions", "10000"], in: dir)
        #expect(loop.status == 1)
        #expect(loop.standardError.hasPrefix("loop.lua:1: instruction limit exceeded (10000 instructions)\n"))
        let slow = try CommandRunner.run(
            ["script", "run", "loop.lua", "--max-instructions", "0", "--timeout", "0.2"], in: dir)
        #expect(slow.standardError.hasPrefix("loop.lua:1: time limit exceeded (0.2 s)\n"))
        let memory = try CommandRunner.run(["script", "run", "mem.lua", "--max-memory", "8"], in: dir)
        #expect(memory.status == 1)
        // Lua raises memory errors without running the traceback handler, so no line is known here
        #expect(memory.standardError == "memory limit exceeded (8 MiB)\n")
    }

    @Test func requireFindsModulesUnderTheScriptsFolder() throws {
        let dir = try CommandRunner.folder(withScripts: [
            "scripts/lib/months.lua": "return { 'januari', 'februari', 'mars' }",
            "scripts/main.lua": "local months = require('lib.months')\nreturn months[2]",
        ])
        let output = try CommandRunner.run(["script", "run", "scripts/main.lua"], in: dir)
        #expect(output.standardOutput == "\"februari\"\n")
        #expect(output.status == 0)
    }

    @Test func aBadAsOfDateIsRefusedBeforeRunning() throws {
        let dir = try CommandRunner.folder(withScripts: ["a.lua": "return 1"])
        let output = try CommandRunner.run(["script", "run", "a.lua", "--as-of", "2025-02-30"], in: dir)
        #expect(output.status == 2)
        #expect(output.standardError.contains("--as-of must be a date YYYY-MM-DD"))
    }
}
