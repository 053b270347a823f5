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
        /// Every template's lint and test, and every script test.
        case all
        /// One template: its lint and its test.
        case template(String)
        /// One script test, `scripts/…_test.lua`.
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
        /// `templates/x.lua`, `scripts/y_test.lua`.
        var file: String
        /// The line, when the message names one.
        var line: Int?
        /// The case of a template test that failed, when known.
        var testCase: String?
        /// What is wrong, as the linter or the test said it.
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
        /// Lint, a template test or a script test, by its Swedish name in the table.
        enum Kind: String, Sendable { case lint = "Lint", templateTest = "Malltest", scriptTest = "Skripttest" }
        /// What ran.
        var kind: Kind
        /// The file it ran on.
        var file: String
        /// Empty when it passed.
        var findings: [Finding]
        /// Whether nothing was found.
        var passed: Bool { findings.isEmpty }
    }

    /// The folders.
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
            results.append(testResult(.templateTest, file: administration.shown(file), path: file, failure: outcome.failure))
        }
        let scriptTests: [String]
        switch scope {
        case .all: scriptTests = ScriptTestRunner.files(in: administration.scriptsFolder)
        case .template: scriptTests = []
        case .scriptTest(let file): scriptTests = ScriptTestRunner.files(in: administration.scriptsFolder).filter { $0 == file }
        }
        for file in scriptTests {
            let outcome = ScriptTestRunner.run(file: file, in: administration.scriptsFolder, roots: administration.roots, clock: clock)
            results.append(testResult(
                .scriptTest, file: file, path: administration.scriptsFolder + "/" + file.dropFirst("scripts/".count),
                failure: outcome.failure))
        }
        return results
    }

    /// A test's failure text as findings: its place, then one finding per failed case
    /// (`form.test` lists them as `  name: problem`), each at the line of the test file where
    /// the case is named (`name = "…"`), read from `path`.
    func testResult(_ kind: Result.Kind, file: String, path: String, failure: String?) -> Result {
        guard let failure else { return Result(kind: kind, file: file, findings: []) }
        let lines = administration.shown(failure).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let head = Finding.parse(lines.first ?? failure, file: file)
        let source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let names = source.matches(of: /name\s*=\s*"([^"\\]*)"/).map { String($0.output.1) }
        let cases = lines.dropFirst().filter { $0.hasPrefix("  ") }.map { line -> Finding in
            let text = line.trimmingCharacters(in: .whitespaces)
            let name = names.filter { text.hasPrefix($0 + ": ") }.max { $0.count < $1.count }
            let message = name.map { String(text.dropFirst($0.count + 2)) } ?? text
            return Finding(file: head.file, line: name.flatMap { Self.line(of: "\"\($0)\"", in: source) } ?? head.line, testCase: name, message: message)
        }
        return Result(kind: kind, file: file, findings: [head] + cases)
    }

    /// The 1-based number of the first line of `source` holding `text`.
    static func line(of text: String, in source: String) -> Int? {
        source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }.map { $0 + 1 }
    }
}
