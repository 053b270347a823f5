import Foundation
import LuaHost
import Redovisa
import Testing

/// The template engine is run once per Lua state and kept (`LuaKeptModule`), yet every run on
/// that state starts it afresh: no template, setting or change to `form` of an earlier run —
/// another user's request on the same sandbox — is seen in the next.
struct EngineRunIsolationTests {
    /// A template that, while it loads, changes everything of `form` it can reach.
    static let meddling = TemplateSource(text: """
        form.contains = function() return true end
        form.EXTRA = "kvar"
        rawset(form.ABSENT, "kvar", true)
        form.check = function() error("mallens egen check") end
        return form.template { id = "a", version = 1, title = "A", role = "reporter", period = "event",
          steps = { form.step { title = "Steg", form.text { id = "namn", label = "Namn", required = true } } } }
        """, chunkName: "templates/a.lua")

    /// A template whose field `namn` shows only when `form.contains` answers as the engine's does.
    static let plain = TemplateSource(text: """
        return form.template { id = "b", version = 1, title = "B", role = "reporter", period = "event",
          steps = { form.step { title = "Steg",
            form.text { id = "visa", label = "Visa" },
            form.text { id = "namn", label = "Namn", required = true,
              visible = function(answers) return form.contains({ "ja" }, answers.visa) end } } } }
        """, chunkName: "templates/b.lua")

    func run<T>(
        _ sandbox: LuaSandbox, _ sources: [TemplateSource], lines: Bool = true,
        _ body: (TemplateSession, LuaRun) throws -> T
    ) throws -> T {
        try sandbox.withRun { run in
            let session = try TemplateSession(run: run, sources: sources, lines: lines)
            return try body(session, run)
        }
    }

    @Test func aRunSeesNothingOfWhatAnEarlierRunsTemplateDidToTheEngine() throws {
        // Given one sandbox, and a first run whose template meddles with `form` (loaded without lines)
        let sandbox = try TemplateSession.sandbox()
        let today = TemplateContext(today: LocalDate("2025-10-03")!)
        let first = try run(sandbox, [Self.meddling], lines: false) { session, run in
            (try session.loaded().map(\.id), try session.check("a", answers: .object([:]), context: today).errors.map(\.field),
             run.global("form")["EXTRA"])
        }
        // When a second run on the same sandbox loads another template
        let second = try run(sandbox, [Self.plain]) { session, run in
            let global = try run.execute(source: "return form.EXTRA, rawget(form.ABSENT, 'kvar')", chunkName: "probe.lua")
            return (
                try session.loaded().map(\.id),
                try session.check("b", answers: .object(["visa": .string("nej")]), context: today).errors.map(\.field),
                try session.check("b", answers: .object(["visa": .string("ja")]), context: today).errors.map(\.field),
                global, try session.describe("b").steps[0].fields[0].at)
        }
        // Then the first run's own checks were the engine's, whatever the template set in its `form`
        #expect(first.0 == ["a"])
        #expect(first.1 == ["namn"])
        #expect(first.2 == .string("kvar"))
        // And the second run knows only its own template, with the engine's form.contains
        #expect(second.0 == ["b"])
        #expect(second.1 == [])
        #expect(second.2 == ["namn"])
        // And nothing the first template set is there; its lines are recorded again
        #expect(second.3 == [.nil, .nil])
        #expect(second.4 == "templates/b.lua:3")
    }

    @Test func aTemplateLoadedInOneRunIsUnknownInTheNext() throws {
        // Given a run that loaded template a
        let sandbox = try TemplateSession.sandbox()
        _ = try run(sandbox, [Self.meddling]) { session, _ in try session.loaded() }
        // When the next run on the sandbox asks for it without loading it
        let error = #expect(throws: RedovisaError.self) {
            try run(sandbox, []) { session, _ in try session.describe("a") }
        }
        // Then the engine does not know it
        #expect(error?.message.contains("no template 'a' version nil has been loaded") == true)
    }
}
