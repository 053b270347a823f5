import Foundation
import Redovisa

/// The descriptions of published templates (steps, fields, labels, options), read once per
/// template version: a published version never changes, so what its `form.describe` said
/// stays true for the life of the server, and a form page need not run it again.
///
/// ```swift
/// let description = try descriptions.description(of: report.templateId, version: report.templateVersion, as: actor)
/// ```
public final class TemplateDescriptions: @unchecked Sendable {
    // @unchecked: `cache` is only touched under `lock`.
    private let lock = NSLock()
    private var cache: [String: TemplateDescription] = [:]
    let reporting: Reporting

    public init(reporting: Reporting) { self.reporting = reporting }

    /// The description of version `version` of template `id` (the newest published when nil).
    /// - Throws: ``RedovisaError/Code/notFound`` for a template never published; a script error.
    public func description(of id: String, version: Int?, as actor: Actor) throws(RedovisaError) -> TemplateDescription {
        if let version, let known = lock.withLock({ cache["\(id)@\(version)"] }) { return known }
        let description = try reporting.describe(template: id, version: version, as: actor)
        lock.withLock { cache["\(description.id)@\(description.version)"] = description }
        return description
    }

    /// The newest published version of every template, described (those that fail to describe
    /// are left out: the administrator's tools show why).
    public func published(as actor: Actor) throws(RedovisaError) -> [TemplateDescription] {
        var newest: [String: PublishedTemplate] = [:]
        for template in try reporting.database.publishedTemplates() where template.version > newest[template.templateId]?.version ?? 0 {
            newest[template.templateId] = template
        }
        return newest.keys.sorted().compactMap { id in
            try? description(of: id, version: newest[id]!.version, as: actor)
        }
    }
}
