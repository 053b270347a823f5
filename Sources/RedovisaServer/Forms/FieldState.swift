import Foundation
import Redovisa

/// What a step page knows of every field while it is drawn: the answers, the problems to show
/// (by path), the paths the template shows for these answers, the computed values and the texts
/// of info fields.
public struct FieldState: Sendable {
    public var answers: JSONValue
    /// The first error of each path that is to be shown.
    public var errors: [String: String]
    /// The first warning of each path.
    public var warnings: [String: String]
    /// The paths the template shows; nil when unknown (then every field is shown).
    public var visible: Set<String>?
    public var computed: [String: JSONValue]
    /// The texts of info fields worked out for these answers, by path.
    public var texts: [String: String]

    /// The state of `check` on `answers`, showing the errors for which `showError` says yes.
    public init(answers: JSONValue, check: TemplateCheck?, showError: (FieldProblem) -> Bool = { _ in true }) {
        self.answers = answers
        var errors: [String: String] = [:]
        for problem in check?.errors ?? [] where errors[problem.field] == nil && showError(problem) {
            errors[problem.field] = problem.message
        }
        var warnings: [String: String] = [:]
        for problem in check?.warnings ?? [] where warnings[problem.field] == nil { warnings[problem.field] = problem.message }
        self.errors = errors
        self.warnings = warnings
        self.visible = check.map { Set($0.visible) }
        self.computed = check?.computed ?? [:]
        self.texts = check?.texts ?? [:]
    }

    /// Whether the field at `path` is shown.
    public func isVisible(_ path: String) -> Bool { visible?.contains(path) ?? true }

    /// The answer at `path`.
    public func value(_ path: String) -> JSONValue? { answers.value(at: path) }

    /// An answer as the text of an input: "1,5" for a number, the text for text.
    public static func inputText(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number): decimal(number)
        case .bool(let flag): flag ? "ja" : "nej"
        default: ""
        }
    }

    /// A number with a decimal comma and without a needless ",0": "1,5", "2".
    public static func decimal(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number).replacingOccurrences(of: ".", with: ",")
    }
}
