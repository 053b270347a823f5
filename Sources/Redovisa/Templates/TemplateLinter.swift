import Foundation

/// `redovisa template lint`: what is wrong in a template file beyond what stops it loading —
/// unknown field references, missing labels, an id that is not the file's name — each with the
/// file and line.
public enum TemplateLinter {
    /// One finding: `templates/x.lua:12: the field 'foo' has no label`.
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        /// `templates/x.lua:12` (or the file alone).
        public var at: String
        public var message: String
        public var description: String { "\(at): \(message)" }
    }

    /// Lints template `name` in `folder`. A template that does not load gives one finding: its
    /// load error (a duplicate id, an unknown key, a syntax error), which already names the line.
    public static func lint(name: String, in folder: String = "templates") -> [Finding] {
        let source: TemplateSource
        do {
            source = try TemplateSource.file(named: name, in: folder)
        } catch {
            return [Finding(at: folder + "/" + name + ".lua", message: error.message)]
        }
        let description: TemplateDescription
        do {
            description = try TemplateCatalog.describe(source)
        } catch {
            return [split(error.message, file: source.chunkName)]
        }
        var findings = description.lint.map { Finding(at: $0.at, message: $0.message) }
        if description.id != name {
            findings.append(Finding(at: description.at, message: "the template's id '\(description.id)' is not its file's name '\(name)'"))
        }
        findings += unknownReferences(in: source, fields: Set(description.allFields.map(\.id)))
        return findings
    }

    /// `answers.NAME`, `answers["NAME"]` and `row.NAME` where NAME is no field of the template.
    /// (The linter reads the text: name the parameters of your functions `answers` and `row`,
    /// as the docs do, for it to see them.)
    static func unknownReferences(in source: TemplateSource, fields: Set<String>) -> [Finding] {
        var findings: [Finding] = []
        let pattern = /(?:\banswers|\brow)(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\])/
        for (index, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            for match in code.matches(of: pattern) {
                guard let name = match.output.1 ?? match.output.2 else { continue }
                if !fields.contains(String(name)) {
                    findings.append(Finding(at: "\(source.chunkName):\(index + 1)", message: "unknown field '\(name)'"))
                }
            }
        }
        return findings
    }

    /// A load error `FILE:LINE: message` as a finding.
    private static func split(_ message: String, file: String) -> Finding {
        let firstLine = message.split(separator: "\n").first.map(String.init) ?? message
        if let match = firstLine.firstMatch(of: /^([^:\s]+\.lua:\d+): (.*)$/) {
            return Finding(at: String(match.output.1), message: String(match.output.2))
        }
        return Finding(at: file, message: firstLine)
    }
}
