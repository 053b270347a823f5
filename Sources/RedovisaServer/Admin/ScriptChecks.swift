import Foundation
import LuaHost
import Redovisa

/// Lint and tests of the templates and scripts, as the administrator's page runs them: the same
/// runners as `redovisa template lint`, `redovisa template test` and the shipped scripts' tests
/// (`redovisa script run FILE_test.lua`), each in the sandbox, with every result split into file,
/// line and message.
struct ScriptChecks: Sendable {
    /// What to check: everything, one template (its lint and its test), or one script test.
    enum Scope: Sendable, Equatable {
        case all
        case template(String)
        case scriptTest(String)

        /// The form value: `alla`, `mall:NAME`, `skript:scripts/x_test.lua`.
        init?(_ value: String) {
            if value == "alla" {
                self = .all
            } else if value.hasPrefix("mall:"), TemplateSource.isValidName(String(value.dropFirst(5))) {
                self = .template(String(value.dropFirst(5)))
            } else if value.hasPrefix("skript:scripts/"), value.hasSuffix("_test.lua"), !value.contains("..") {
                self = .scriptTest(String(value.dropFirst(7)))
            } else {
                return nil
            }
        }
    }

    /// One problem: where and what.
    struct Finding: Sendable, Equatable {
        var file: String
        var line: Int?
        /// The case of a template test that failed, when known.
        var testCase: String?
        var message: String

        /// `file:line: FILE:LINE: message` split up; a text without a place keeps `file`.
        static func parse(_ text: String, file: String) -> Finding {
            if let match = text.firstMatch(of: /^([^:\s]+\.lua):(\d+): (.*)$/.dotMatchesNewlines()) {
                return Finding(file: String(match.output.1), line: Int(match.output.2), testCase: nil, message: String(match.output.3))
            }
            return Finding(file: file, line: nil, testCase: nil, message: text)
        }
    }

    /// The outcome of one file: lint (findings) or a test (passed, or its failures).
    struct Result: Sendable {
        enum Kind: String, Sendable { case lint = "Lint", templateTest = "Malltest", scriptTest = "Skripttest" }
        var kind: Kind
        var file: String
        var findings: [Finding]
        var passed: Bool { findings.isEmpty }
    }

    let administration: Administration

    /// The files `scope` covers, checked in order on `clock` (run it off the server's threads).
    func run(_ scope: Scope, clock: LuaClock) -> [Result] {
        let templates = administration.templatesFolder
        var results: [Result] = []
        let names: [String]
        switch scope {
        case .all: names = TemplateSource.names(in: templates)
        case .template(let name): names = [name]
        case .scriptTest: names = []
        }
        for name in names {
            let findings = TemplateLinter.lint(name: name, in: templates).map { finding in
                Finding.parse(administration.shown(finding.description), file: "templates/\(name).lua")
            }
            results.append(Result(kind: .lint, file: "templates/\(name).lua", findings: findings))
        }
        let templateTests = scope == .all
            ? TemplateTestRunner.files(in: templates) : names.flatMap { TemplateTestRunner.files(in: templates, name: $0) }
        for file in templateTests {
            let outcome = TemplateTestRunner.run(file: file, clock: clock, roots: [templates, administration.scriptsFolder])
            results.append(testResult(.templateTest, file: administration.shown(file), failure: outcome.failure))
        }
        let scriptTests: [String]
        switch scope {
        case .all: scriptTests = ScriptTestRunner.files(in: administration.scriptsFolder)
        case .template: scriptTests = []
        case .scriptTest(let file): scriptTests = ScriptTestRunner.files(in: administration.scriptsFolder).filter { $0 == file }
        }
        for file in scriptTests {
            let outcome = ScriptTestRunner.run(file: file, in: administration.scriptsFolder, roots: administration.roots, clock: clock)
            results.append(testResult(.scriptTest, file: file, failure: outcome.failure))
        }
        return results
    }

    /// A test's failure text as findings: its place, then one finding per failed case
    /// (`form.test` lists them as `  name: problem`).
    func testResult(_ kind: Result.Kind, file: String, failure: String?) -> Result {
        guard let failure else { return Result(kind: kind, file: file, findings: []) }
        let lines = administration.shown(failure).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let head = Finding.parse(lines.first ?? failure, file: file)
        let cases = lines.dropFirst().filter { $0.hasPrefix("  ") }.map { line -> Finding in
            let text = line.trimmingCharacters(in: .whitespaces)
            let parts = text.split(separator: ":", maxSplits: 1)
            let name = parts.count == 2 ? String(parts[0]) : nil
            let message = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : text
            return Finding(file: head.file, line: head.line, testCase: name, message: message)
        }
        if cases.isEmpty { return Result(kind: kind, file: file, findings: [head]) }
        return Result(kind: kind, file: file, findings: [head] + cases)
    }
}
