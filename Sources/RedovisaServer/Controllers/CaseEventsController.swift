import Foundation
import Hummingbird
import Redovisa

/// The deadline events of seed 004 (scripts/deadlines/README.md) recorded on the web: the
/// provider's staffing of actualised cases (*Bemanning*), the officer's actualisation of a case
/// and decision to adjust a plan, and personal-data incidents registered and reported by anyone
/// with an assignment in the organisation. Each goes through its domain function, which checks
/// access and audits; a refusal is shown at its field.
///
/// | route | what |
/// |---|---|
/// | `GET /bemanning` | provider staff: the actualised cases of their organisations not yet staffed |
/// | `POST /bemanning/{insats}` | record the staffing day `datum` |
/// | `GET /insatser/{insats}/handelser` | officers: where the case stands (actualised, staffed, decisions, absences) and the forms to actualise it, to decide to adjust a plan and to record when an absence was told |
/// | `POST /insatser/{insats}/aktualisera` | record the actualisation day `datum` |
/// | `POST /insatser/{insats}/justera-plan` | record the decision on `datum` to adjust the plan of kind `plan` |
/// | `POST /insatser/{insats}/franvaro/{franvaro}/anmald` | record that the absence was told to the officer on `datum` |
/// | `GET /incidenter` | the incidents of the actor's organisations and the form to register one |
/// | `POST /incidenter` | register `organisation`, `datum`, `tid`, `beskrivning` |
/// | `POST /incidenter/{incident}/anmald` | record that it was reported on `datum` at `tid` |
public struct CaseEventsController: Sendable {
    let database: AppDatabase
    let sessions: SessionStore

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/bemanning", use: staffingList)
        router.post("/bemanning/:id", use: staff)
        router.get("/insatser/:id/handelser", use: events)
        router.post("/insatser/:id/aktualisera", use: actualise)
        router.post("/insatser/:id/justera-plan", use: revisePlan)
        router.post("/insatser/:id/franvaro/:absence/anmald", use: absenceReported)
        router.get("/incidenter", use: incidents)
        router.post("/incidenter", use: registerIncident)
        router.post("/incidenter/:id/anmald", use: reportIncident)
    }

    private var today: LocalDate { LocalDate.today(at: database.clock()) }

    // MARK: Bemanning

    /// `GET /bemanning`.
    @Sendable func staffingList(_ request: Request, context: AppRequestContext) async throws -> Response {
        try staffingPage(actor: try providerStaff(context), context: context)
    }

    /// `POST /bemanning/{insats}`.
    @Sendable func staff(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try providerStaff(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let text = context.form["datum"] ?? ""
        let field = "datum-\(id)"
        guard let date = Self.date(text) else {
            return try staffingPage(actor: actor, context: context, error: .init(field: field, message: Self.dateMessage), entered: text)
        }
        if let error = try refusal({ () throws(RedovisaError) in _ = try database.recordStaffing(enrolment: id, on: date, as: actor) }) {
            return try staffingPage(actor: actor, context: context, error: .init(field: field, message: Self.sentence(error.message)), entered: text)
        }
        await flash(context, "Bemanningen \(date) är registrerad.")
        return Layout.redirect(to: "/bemanning")
    }

    // MARK: The officer's events

    /// `GET /insatser/{insats}/handelser`.
    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try officer(context)
        return try eventsPage(try context.parameters.require("id", as: Int64.self), actor: actor, context: context)
    }

    /// `POST /insatser/{insats}/aktualisera`.
    @Sendable func actualise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try officer(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let entered = CaseEventsPages.Entered(actualised: context.form["datum"])
        guard let date = Self.date(entered.actualised ?? "") else {
            return try eventsPage(id, actor: actor, context: context, error: .init(field: "aktualiserad", message: Self.dateMessage), entered: entered)
        }
        if let error = try refusal({ () throws(RedovisaError) in _ = try database.recordActualisation(enrolment: id, on: date, as: actor) }) {
            return try eventsPage(id, actor: actor, context: context, error: .init(field: "aktualiserad", message: Self.sentence(error.message)), entered: entered)
        }
        await flash(context, "Aktualiseringen \(date) är registrerad.")
        return Layout.redirect(to: "/insatser/\(id)/handelser")
    }

    /// `POST /insatser/{insats}/justera-plan`.
    @Sendable func revisePlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try officer(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let entered = CaseEventsPages.Entered(plan: context.form["plan"], decided: context.form["datum"])
        guard let kind = entered.plan.flatMap(PlanKind.init(rawValue:)) else {
            return try eventsPage(id, actor: actor, context: context, error: .init(field: "plan", message: "Välj vilken plan som ska justeras."), entered: entered)
        }
        guard let date = Self.date(entered.decided ?? "") else {
            return try eventsPage(id, actor: actor, context: context, error: .init(field: "beslutad", message: Self.dateMessage), entered: entered)
        }
        if let error = try refusal({ () throws(RedovisaError) in
            _ = try database.requestPlanRevision(enrolment: id, kind: kind, decidedOn: date, as: actor)
        }) {
            let field = error.field == "decidedOn" ? "beslutad" : "plan"
            return try eventsPage(id, actor: actor, context: context, error: .init(field: field, message: Self.sentence(error.message)), entered: entered)
        }
        await flash(context, "Beslutet \(date) att justera \(CaseEventsPages.name(kind).lowercased()) är registrerat. Anordnaren ska revidera planen inom 5 arbetsdagar.")
        return Layout.redirect(to: "/insatser/\(id)/handelser")
    }

    /// `POST /insatser/{insats}/franvaro/{franvaro}/anmald`.
    @Sendable func absenceReported(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try officer(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let absence = try context.parameters.require("absence", as: Int64.self)
        let entered = CaseEventsPages.Entered(absence: absence, absenceReported: context.form["datum"])
        let field = "franvaro-\(absence)"
        guard let date = Self.date(entered.absenceReported ?? "") else {
            return try eventsPage(id, actor: actor, context: context, error: .init(field: field, message: Self.dateMessage), entered: entered)
        }
        // The absence must be of this case: one of another case is not found here.
        if let error = try refusal({ () throws(RedovisaError) in
            _ = try database.recordAbsenceReported(absence: absence, of: id, on: date, as: actor)
        }) {
            return try eventsPage(id, actor: actor, context: context, error: .init(field: field, message: Self.sentence(error.message)), entered: entered)
        }
        await flash(context, "Anmälan av frånvaron \(date) är registrerad.")
        return Layout.redirect(to: "/insatser/\(id)/handelser")
    }

    // MARK: Incidents

    /// `GET /incidenter`.
    @Sendable func incidents(_ request: Request, context: AppRequestContext) async throws -> Response {
        try incidentsPage(actor: try assigned(context), context: context)
    }

    /// `POST /incidenter`.
    @Sendable func registerIncident(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try assigned(context)
        let form = context.form
        let entered = CaseEventsPages.Entered(
            organisation: form["organisation"], discoveredDate: form["datum"], discoveredTime: form["tid"], description: form["beskrivning"])
        guard let organisation = entered.organisation.flatMap({ Int64($0) }) else {
            return try incidentsPage(actor: actor, context: context, error: .init(field: "organisation", message: "Välj organisation."), entered: entered)
        }
        guard let date = Self.date(entered.discoveredDate ?? "") else {
            return try incidentsPage(actor: actor, context: context, error: .init(field: "datum", message: Self.dateMessage), entered: entered)
        }
        guard let at = Self.instant(date, entered.discoveredTime ?? "") else {
            return try incidentsPage(actor: actor, context: context, error: .init(field: "tid", message: Self.timeMessage), entered: entered)
        }
        if let error = try refusal({ () throws(RedovisaError) in
            _ = try database.registerIncident(organisation: organisation, discoveredAt: at, description: entered.description ?? "", as: actor)
        }) {
            return try incidentsPage(actor: actor, context: context, error: .init(field: "beskrivning", message: Self.sentence(error.message)), entered: entered)
        }
        await flash(context, "Incidenten är registrerad. Den ska anmälas inom 72 timmar från upptäckten.")
        return Layout.redirect(to: "/incidenter")
    }

    /// `POST /incidenter/{incident}/anmald`.
    @Sendable func reportIncident(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try assigned(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let entered = CaseEventsPages.Entered(reportedDate: context.form["datum"], reportedTime: context.form["tid"], incident: id)
        guard let date = Self.date(entered.reportedDate ?? "") else {
            return try incidentsPage(actor: actor, context: context, error: .init(field: "anmald-datum-\(id)", message: Self.dateMessage), entered: entered)
        }
        guard let at = Self.instant(date, entered.reportedTime ?? "") else {
            return try incidentsPage(actor: actor, context: context, error: .init(field: "anmald-tid-\(id)", message: Self.timeMessage), entered: entered)
        }
        if let error = try refusal({ () throws(RedovisaError) in _ = try database.recordIncidentReported(id, at: at, as: actor) }) {
            return try incidentsPage(actor: actor, context: context, error: .init(field: "anmald-datum-\(id)", message: Self.sentence(error.message)), entered: entered)
        }
        await flash(context, "Anmälan \(LocalDate.stockholmTime(at)) är registrerad.")
        return Layout.redirect(to: "/incidenter")
    }

    // MARK: Helpers

    /// The error for a date not written as ÅÅÅÅ-MM-DD.
    static let dateMessage = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-10-03."
    /// The error for a time not written as TT:MM.
    static let timeMessage = "Skriv klockslaget som TT:MM, till exempel 09:30."

    /// A message of the domain ("ärendet är redan bemannat") as a sentence.
    static func sentence(_ message: String) -> String {
        let text = message.prefix(1).uppercased() + message.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }

    /// A date as entered.
    static func date(_ text: String) -> LocalDate? { LocalDate(text.trimmingCharacters(in: .whitespaces)) }

    /// `date` at the time `text` ("09:30") in Swedish time.
    static func instant(_ date: LocalDate, _ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Stockholm")!
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute))
    }

    /// The domain's refusal of `body` for the form (bad input, wrong state); `nil` when it went
    /// through. Access errors are thrown on, to the 403 page.
    private func refusal(_ body: () throws(RedovisaError) -> Void) throws -> RedovisaError? {
        do {
            try body()
            return nil
        } catch {
            guard error.code == .invalidInput || error.code == .invalidTransition else { throw error }
            return error
        }
    }

    private func providerStaff(_ context: AppRequestContext) throws -> Actor {
        let actor = try context.requireActor()
        guard actor.has(.providerStaff) || actor.has(.administrator) else {
            throw RedovisaError(.accessDenied, "Sidan är till för anordnare.")
        }
        return actor
    }

    private func officer(_ context: AppRequestContext) throws -> Actor {
        let actor = try context.requireActor()
        try OfficerAccess.require(actor)
        return actor
    }

    /// The actor, if they have an assignment (or see everyone).
    private func assigned(_ context: AppRequestContext) throws -> Actor {
        let actor = try context.requireActor()
        guard actor.seesEveryone || !actor.assignments.isEmpty else { throw RedovisaError.noAssignment }
        return actor
    }

    private func flash(_ context: AppRequestContext, _ message: String) async {
        if let session = context.session { await sessions.flash(session.id, message) }
    }

    private func staffingPage(
        actor: Actor, context: AppRequestContext, error: CaseEventsPages.FieldError? = nil, entered: String? = nil
    ) throws -> Response {
        let day = today
        var waiting: [AppDatabase.DeadlineEnrolment] = []
        for organisation in Set(actor.assignments.map(\.organisationId)).sorted() {
            // As of a year ahead: a staffing recorded for a later day counts as done.
            waiting += try database.deadlineEnrolments(
                organisation: organisation, activeFrom: day, activeTo: day, asOf: day.adding(days: 366), as: actor)
                .filter { $0.enrolment.providerId == organisation && $0.actualisedOn != nil && $0.staffedOn == nil }
        }
        let people = try database.people(ids: waiting.map(\.enrolment.personId), as: actor)
        let main = CaseEventsPages.staffing(waiting, people: people, today: day, context: context, error: error, entered: entered)
        return Layout.page(title: "Bemanning", context: context, main: main, status: error == nil ? .ok : .unprocessableContent)
    }

    private func eventsPage(
        _ id: Int64, actor: Actor, context: AppRequestContext, error: CaseEventsPages.FieldError? = nil,
        entered: CaseEventsPages.Entered = .init()
    ) throws -> Response {
        let enrolment = try database.enrolment(id: id, as: actor)
        let person = try database.people(ids: [enrolment.personId], as: actor)[enrolment.personId]
        let events = try database.caseEvents(enrolment: id, as: actor)
        let main = CaseEventsPages.events(
            id, person: person, events: events, today: today, context: context, error: error, entered: entered)
        return Layout.page(title: "Händelser i ärendet", context: context, main: main, status: error == nil ? .ok : .unprocessableContent)
    }

    private func incidentsPage(
        actor: Actor, context: AppRequestContext, error: CaseEventsPages.FieldError? = nil, entered: CaseEventsPages.Entered = .init()
    ) throws -> Response {
        let mine = Set(actor.assignments.map(\.organisationId))
        let organisations = try database.organisations().filter { actor.seesEveryone || mine.contains($0.id ?? 0) }
        let day = today
        var list: [(String, AppDatabase.DeadlineIncident)] = []
        for organisation in organisations where mine.contains(organisation.id ?? 0) {
            list += try database.deadlineIncidents(organisation: organisation.id!, asOf: day, as: actor).map { (organisation.name, $0) }
        }
        let main = CaseEventsPages.incidents(
            list, organisations: organisations.map { ($0.id ?? 0, $0.name) }, today: day, context: context, error: error, entered: entered)
        return Layout.page(title: "Personuppgiftsincidenter", context: context, main: main, status: error == nil ? .ok : .unprocessableContent)
    }
}
