import Foundation
import Hummingbird
import Logging
import Redovisa

/// Everything the router needs, made once per server.
public struct ServerDependencies: Sendable {
    public var database: AppDatabase
    public var configuration: ServerConfiguration
    /// The e-legitimation login; by default OpenID Connect when configured.
    public var identity: (any IdentityProvider)?
    public var sessions: SessionStore
    public var loginLimiter: LoginRateLimiter
    /// A report's life with its template: every page and API call that starts, saves or submits
    /// a report goes through it.
    public var reporting: Reporting
    /// The published templates' descriptions, read once per version.
    public var descriptions: TemplateDescriptions
    /// The template's verdicts on reports as they stand, kept briefly for the form pages.
    public var checks: CheckCache
    /// How a report page shows answers: by default as the template shows them
    /// (``TemplateAnswersRenderer``).
    public var answersRenderer: any ReportAnswersRenderer
    /// The administrator's tools and the reminder scheduler: folders, delivery, scheduler.
    public var administration = Administration()

    public init(
        database: AppDatabase, configuration: ServerConfiguration, identity: (any IdentityProvider)? = nil,
        sessions: SessionStore = SessionStore(), answersRenderer: (any ReportAnswersRenderer)? = nil
    ) {
        self.database = database
        self.configuration = configuration
        self.identity = identity ?? configuration.oidc.map { OIDCProvider(configuration: $0) }
        self.sessions = sessions
        self.loginLimiter = LoginRateLimiter(limit: configuration.loginAttemptsPerMinute)
        let reporting = Reporting(database: database)
        let descriptions = TemplateDescriptions(reporting: reporting)
        self.reporting = reporting
        self.descriptions = descriptions
        self.checks = CheckCache()
        self.answersRenderer = answersRenderer ?? TemplateAnswersRenderer(reporting: reporting, descriptions: descriptions)
    }
}

/// The router with every page, the API and the middleware in order: request log, security
/// headers, sessions, errors (inside the session, so that an error page knows who is logged in),
/// API bearer tokens, CSRF.
///
/// ```swift
/// let router = buildRouter(ServerDependencies(database: database, configuration: .init(demoLogin: true)))
/// ```
public func buildRouter(_ dependencies: ServerDependencies) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let cookies = SessionCookies(secure: !dependencies.configuration.isLoopback)
    let database = dependencies.database
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: SessionMiddleware(sessions: dependencies.sessions, database: database, cookies: cookies))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: BearerTokenMiddleware(database: database))
    router.add(middleware: CSRFMiddleware())
    HomeController().addRoutes(to: router)
    HealthController().addRoutes(to: router)
    LoginController(
        database: database, sessions: dependencies.sessions, cookies: cookies, identity: dependencies.identity,
        demoLogin: dependencies.configuration.demoLogin, limiter: dependencies.loginLimiter
    ).addRoutes(to: router)
    MyPagesController(database: database).addRoutes(to: router)
    ReportController(database: database, sessions: dependencies.sessions, renderer: dependencies.answersRenderer)
        .addRoutes(to: router)
    ReportFormController(
        database: database, reporting: dependencies.reporting, descriptions: dependencies.descriptions,
        sessions: dependencies.sessions, checks: dependencies.checks
    ).addRoutes(to: router)
    NewReportController(database: database, reporting: dependencies.reporting, descriptions: dependencies.descriptions)
        .addRoutes(to: router)
    QueueController(database: database).addRoutes(to: router)
    DashboardController(database: database).addRoutes(to: router)
    AdminController(database: database).addRoutes(to: router)
    AdministrationControllers(dependencies).addRoutes(to: router)
    // Messages with the case officer, the overdue list and SUS registration (issue 6).
    MessagesController(database: database, sessions: dependencies.sessions).addRoutes(to: router)
    OverdueController(database: database, deadlines: DeadlineQuery(database: database)).addRoutes(to: router)
    SUSController(database: database, reporting: dependencies.reporting, sessions: dependencies.sessions).addRoutes(to: router)
    CaseEventsController(database: database, sessions: dependencies.sessions).addRoutes(to: router)
    APIController(database: database, reporting: dependencies.reporting, descriptions: dependencies.descriptions)
        .addRoutes(to: router)
    return router
}

/// The Hummingbird application serving ``buildRouter(_:)`` on the configured host and port.
///
/// ```swift
/// let app = buildApplication(dependencies, logger: Logger(label: "redovisa"))
/// try await app.runService()
/// ```
public func buildApplication(
    _ dependencies: ServerDependencies, logger: Logger, onStart: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(dependencies),
        configuration: .init(
            address: .hostname(dependencies.configuration.host, port: dependencies.configuration.port)),
        services: dependencies.administration.scheduler.map { [$0] } ?? [],
        onServerRunning: { channel in await onStart(channel.localAddress?.port ?? dependencies.configuration.port) },
        logger: logger)
}

/// Runs the server until the process is told to stop (SIGINT, SIGTERM); `onStart` gets the
/// port it listens on (useful with port 0).
/// - Throws: when the address cannot be bound.
public func serve(
    _ dependencies: ServerDependencies, logger: Logger, onStart: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws {
    try await buildApplication(dependencies, logger: logger, onStart: onStart).runService()
}
