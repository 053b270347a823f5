import Redovisa

extension Actor {
    /// Whether the forms of `report` are offered to this actor for editing: a draft or a returned
    /// report whose answers they may see, that they wrote, or whose template is for their role
    /// (a reporter's report for reporters, a provider's for provider staff, an officer's for
    /// officers). An officer edits a reporter's report only when they registered it themselves
    /// (a paper report). The domain still decides who may save: this only chooses what is shown.
    public func mayEdit(_ report: Report, template: TemplateDescription) -> Bool {
        guard report.status == .draft || report.status == .returned, report.answers != .null else { return false }
        if let userId, userId == report.authorId { return true }
        switch template.role {
        case .reporter: return has(.reporter)
        case .provider: return has(.providerStaff)
        case .officer: return has(.officer)
        case .administrator: return has(.administrator)
        }
    }

    /// Whether this actor may start a report of `template`: reporters the reporters' templates,
    /// provider staff the providers', officers their own and — for a paper report registered on
    /// a participant's behalf — a reporter's template that allows it (`staff_may_register`).
    public func mayStart(_ template: TemplateDescription) -> Bool {
        switch template.role {
        case .reporter: return has(.reporter) || (has(.officer) && template.staffMayRegister)
        case .provider: return has(.providerStaff)
        case .officer: return has(.officer)
        case .administrator: return false
        }
    }
}
