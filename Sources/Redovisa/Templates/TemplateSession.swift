import Foundation
import LuaHost

/// The template engine inside one sandbox run: the host's `form` chunk (run once per Lua state
/// and kept, see ``LuaKeptModule``: each run starts the engine's state afresh), then the
/// templates' sources (compiled once per process and run anew in every run, see ``compiled``),
/// then calls into `form` for each question the host has (describe, check, summary, window,
/// initial answers, receipt, migrate).
///
/// Valid only inside the ``LuaSandbox/withRun(context:limits:_:)`` that made it. A template's
/// Lua error (or an exceeded limit) becomes ``RedovisaError/Code/script`` naming the file and
/// line: `templates/x.lua:42: …`.
///
/// ```swift
/// let sandbox = try TemplateSession.sandbox()
/// let check = try sandbox.withRun(context: context) { run in
///     let session = try TemplateSession(run: run, sources: [try .file(named: "lss-kontaktperson")])
///     return try session.check("lss-kontaktperson", version: 1, answers: answers, context: ctx)
/// }
/// ```
public struct TemplateSession {
    let run: LuaRun
    private let engine: LuaKeptModule
    /// The engine's functions asked for so far in this run, by name (handles of this run).
    private let functions = FunctionHandles()

    /// Starts the engine in `run` and then loads every source into it.
    ///
    /// With `lines` false, the template's fields, steps and the template itself record the file
    /// they are in but not the line (`at` in ``describe(_:version:)``, and the place named in a
    /// template's error): finding a constructor's line is about a fifth of loading a template.
    /// For runs of published templates, which were linted and tested with their lines when they
    /// were published; the tools that show a template's problems (lint, check, test, publish)
    /// keep the lines.
    /// - Throws: ``RedovisaError/Code/script`` for a template that fails to load.
    public init(run: LuaRun, sources: [TemplateSource], lines: Bool = true) throws(RedovisaError) {
        self.run = run
        let engine = try Self.script { () throws(LuaError) in
            try run.keptModule(source: FormEngine.source, chunkName: FormEngine.chunkName, cache: Self.compiled)
        }
        self.engine = engine
        if !engine.isNew {
            // The kept engine, for this run: its state afresh, and this run's own `form`.
            guard let begin = try Self.script({ () throws(LuaError) in try engine.function("begin_run", inResult: 2) }) else {
                throw RedovisaError(.script, "the form engine did not load")
            }
            _ = try Self.script { () throws(LuaError) in try run.call(begin) }
        }
        var withoutLines: LuaFunctionRef?
        if !lines {
            withoutLines = try Self.script { () throws(LuaError) in try engine.function("without_lines", inResult: 2) }
        }
        for source in sources {
            _ = try Self.script { () throws(LuaError) in
                if let withoutLines { _ = try run.call(withoutLines, [.string(source.chunkName)]) }
                return try run.execute(source: source.text, chunkName: source.chunkName, cache: Self.compiled)
            }
        }
    }

    /// The engine and the template texts compiled so far in this process, as bytecode: each is
    /// compiled once (a changed text is compiled anew), and a Lua state keeps the function it
    /// loaded from it, which every later run on that state runs anew with its own environment
    /// (see ``LuaChunkCache``). Only text the host compiled itself is kept, so templates and
    /// scripts still cannot load bytecode.
    public static let compiled = LuaChunkCache(capacity: 64)

    /// A sandbox for templates: `require` reads `templates/` then `scripts/`, and the domain
    /// modules are there for `ctx.enrolment` and friends.
    public static func sandbox(limits: LuaLimits = .default, roots: [String] = ["templates", "scripts"]) throws(RedovisaError) -> LuaSandbox {
        do {
            return try LuaSandbox(configuration(limits: limits, roots: roots))
        } catch {
            throw RedovisaError(.script, error.description)
        }
    }

    /// How a sandbox for templates is set up (see ``sandbox(limits:roots:)``).
    public static func configuration(limits: LuaLimits = .default, roots: [String] = ["templates", "scripts"]) -> LuaSandbox.Configuration {
        .init(limits: limits, scriptRoots: LuaScriptRoots(roots), modules: DomainModules.all)
    }

    /// The names the engine defines in `form` (for the reference test).
    public func formNames() throws(RedovisaError) -> [String] {
        guard case .table(let table) = run.global("form") else { return [] }
        return table.entries.compactMap { key, _ in key.stringValue }.sorted()
    }

    /// The templates loaded so far, with their versions, sorted by id.
    public func loaded() throws(RedovisaError) -> [(id: String, version: Int)] {
        struct Entry: Decodable { var id: String; var version: Int }
        let list: [Entry] = try call("loaded", returning: [Entry].self)
        return list.map { ($0.id, $0.version) }
    }

    /// What template `id` (`version`, or the newest loaded) declares.
    public func describe(_ id: String, version: Int? = nil) throws(RedovisaError) -> TemplateDescription {
        try call("describe", id, version, returning: TemplateDescription.self)
    }

    /// Checks `answers` against the template's rules.
    ///
    /// With `lean`, the verdict alone: whether the answers are valid, the errors and warnings,
    /// the computed values and the cleaned answers, but not what only a form page shows (the
    /// fields shown, those required, the texts of `form.info`): `visible`, `required` and
    /// `texts` are then empty. A submission needs no more.
    public func check(
        _ id: String, version: Int? = nil, answers: JSONValue, context: TemplateContext, lean: Bool = false
    ) throws(RedovisaError) -> TemplateCheck {
        if lean { return try call("check", id, version, answers, context, true, returning: TemplateCheck.self) }
        return try call("check", id, version, answers, context, returning: TemplateCheck.self)
    }

    /// The preview rows of `answers`.
    public func summary(
        _ id: String, version: Int? = nil, answers: JSONValue, context: TemplateContext
    ) throws(RedovisaError) -> [SummaryRow] {
        try call("summary", id, version, answers, context, returning: [SummaryRow].self)
    }

    /// When a report with this context (and these answers) may be submitted, or nil when the
    /// template sets no window.
    public func window(
        _ id: String, version: Int? = nil, context: TemplateContext, answers: JSONValue? = nil
    ) throws(RedovisaError) -> SubmissionWindow? {
        try call("window", id, version, context, answers, returning: SubmissionWindow?.self)
    }

    /// The answers a new draft starts with: copied from `previous`, then the author's
    /// `remembered` answers, then the defaults.
    public func initialAnswers(
        _ id: String, version: Int? = nil, context: TemplateContext, previous: JSONValue?, remembered: JSONValue?
    ) throws(RedovisaError) -> JSONValue {
        try call("initial", id, version, context, previous, remembered, returning: JSONValue.self)
    }

    /// The receipt's text.
    public func receiptText(
        _ id: String, version: Int? = nil, receipt: Receipt, answers: JSONValue, context: TemplateContext
    ) throws(RedovisaError) -> String {
        let facts = ReceiptFacts(receipt)
        return try call("receipt", id, version, facts, answers, context, returning: String.self)
    }

    /// `answers` of a draft made on `fromVersion`, carried to `version` by its `migrate`.
    public func migrate(
        _ id: String, to version: Int, from fromVersion: Int, answers: JSONValue
    ) throws(RedovisaError) -> JSONValue {
        try call("migrate", id, version, fromVersion, answers, returning: JSONValue.self)
    }

    // MARK: Calling

    /// The engine's function `form.NAME`, if it has one: the engine's own, whatever a template
    /// did to the `form` it was given.
    func engineFunction(_ name: String) -> LuaFunctionRef? {
        if let kept = functions.byName[name] { return kept }
        guard let function = try? engine.function(name) else { return nil }
        functions.byName[name] = function
        return function
    }

    /// Calls `form.NAME` with `arguments` (nil for Lua's nil) and decodes its first result.
    private func call<Result: Decodable>(
        _ name: String, _ arguments: (any Encodable)?..., returning: Result.Type
    ) throws(RedovisaError) -> Result {
        guard let function = engineFunction(name) else { throw RedovisaError(.script, "the form engine has no '\(name)'") }
        let values = arguments.map { $0 ?? LuaNil() }
        return try Self.script { () throws(LuaError) in
            try run.call(function, arguments: values, returning: Result.self)
        }
    }

    static func script<Value>(_ body: () throws(LuaError) -> Value) throws(RedovisaError) -> Value {
        do {
            return try body()
        } catch {
            throw RedovisaError(.script, error.description)
        }
    }
}

/// The handles of the engine's functions a session has asked for (a class, so that the session
/// can stay a struct whose methods do not mutate it).
private final class FunctionHandles {
    var byName: [String: LuaFunctionRef] = [:]
}

/// Encodes as Lua's nil: an absent optional argument.
struct LuaNil: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}

/// The receipt as the template's `receipt(r, answers, ctx)` sees it: `case_number`,
/// `submitted_by`, `submitted_at` (Swedish local time, "2025-10-03 14:05"), `template`, `version`
/// and `hash`.
struct ReceiptFacts: Encodable {
    var caseNumber: String
    var submittedBy: String
    var submittedAt: String
    var template: String
    var version: Int
    var hash: String

    init(_ receipt: Receipt) {
        caseNumber = receipt.caseNumber
        submittedBy = receipt.submittedBy
        submittedAt = LocalDate.stockholmTime(receipt.submittedAt)
        template = receipt.templateId
        version = receipt.templateVersion
        hash = receipt.hash
    }

    enum CodingKeys: String, CodingKey {
        case template, version, hash
        case caseNumber = "case_number", submittedBy = "submitted_by", submittedAt = "submitted_at"
    }
}
