import ArgumentParser
import Foundation
import Logging
import Redovisa
import RedovisaDelivery
import RedovisaServer

/// `redovisa serve`: the web pages and the JSON API on Hummingbird.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web pages and the JSON API.",
        discussion: """
            Listens on --host and --port (default 127.0.0.1:8080). Login with e-legitimation is \
            OpenID Connect, configured from REDOVISA_OIDC_ISSUER, REDOVISA_OIDC_CLIENT_ID, \
            REDOVISA_OIDC_CLIENT_SECRET and REDOVISA_OIDC_REDIRECT_URI (see docs/web.md). With \
            --demo, the demo is seeded into an empty database, the templates of ./templates are \
            published into it, and a development login lists the demo users; never use --demo with \
            real data. --templates-dir and --scripts-dir name other folders than ./templates and \
            ./scripts (the administrator's pages, the demo's templates and the reminder rules). Cookies are Secure unless the host is \
            loopback: anywhere else, put the server behind TLS.

            The server runs the reminder rules of ./scripts/reminders (or SCRIPTS-DIR/reminders) itself: every --reminder-interval \
            seconds (default 60) it runs the rules that are due, as `redovisa remind` does, and delivers \
            the outbox (REDOVISA_SMTP_*, REDOVISA_SMS_*, REDOVISA_OUTBOX_DIR; see docs/reminders.md). \
            Each reminder goes out once even with several servers on one database. --no-reminders \
            turns this off; with --demo it is off unless --reminders is given.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Seed the demo into an empty database and turn on the development login for the demo users.")
    var demo = false

    @Flag(inversion: .prefixedNo, help: "Run the reminder rules and deliver the outbox in the background (default: on, off with --demo).")
    var reminders: Bool?

    @Option(name: .customLong("templates-dir"), help: ArgumentHelp("The folder of the report templates.", valueName: "folder"))
    var templatesDir = "templates"

    @Option(name: .customLong("scripts-dir"), help: ArgumentHelp("The folder of the scripts; the reminder rules are its reminders/.", valueName: "folder"))
    var scriptsDir = "scripts"

    @Option(name: .customLong("reminder-interval"), help: "Seconds between two runs of the reminder rules and the outbox.")
    var reminderInterval = 60

    /// - Throws: `ValidationError` for a port outside 0…65535.
    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard (1...86_400).contains(reminderInterval) else { throw ValidationError("--reminder-interval must be 1 to 86400 seconds") }
        // The defaults may be missing (a server without scripts); a folder named on purpose may not.
        for (option, folder, fallback) in [("--templates-dir", templatesDir, "templates"), ("--scripts-dir", scriptsDir, "scripts")]
        where folder != fallback {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("\(option): no folder '\(folder)'")
            }
        }
    }

    /// Opens the database (seeding the demo with `--demo`), then serves until stopped.
    func run() async throws {
        CommandLog.bootstrap()
        let oidc: OIDCConfiguration?
        do {
            oidc = try OIDCConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
        } catch {
            CommandLog.writeToStandardError("error: \(error.reason)\n")
            throw ExitCode.failure
        }
        let target: AppDatabase
        do {
            target = try database.open()
            if demo {
                try seedDemo(into: target)
                publishTemplates(into: target)
            }
        } catch {
            CommandLog.writeToStandardError("error: \(error.message)\n")
            throw ExitCode.failure
        }
        let configuration = ServerConfiguration(host: host, port: port, demoLogin: demo, oidc: oidc)
        var logger = Logger(label: "redovisa")
        logger.logLevel = .info
        var dependencies = ServerDependencies(database: target, configuration: configuration)
        do {
            dependencies.administration = try administration(target, logger: logger)
        } catch {
            CommandLog.writeToStandardError("error: \(error.message)\n")
            throw ExitCode.failure
        }
        let logins = demo ? try DemoSeed.logins(in: target) : []
        let banner = self.banner(logins, oidc: oidc, reminders: dependencies.administration.scheduler != nil)
        try await serve(dependencies, logger: logger) { port in
            // Written straight to the file handle: not buffered, so a pipe sees it at once.
            FileHandle.standardOutput.write(Data((banner(port) + "\n").utf8))
        }
    }

    /// The administrator's tools on the templates and scripts folders, delivery from the environment, and
    /// the reminder scheduler unless turned off.
    /// - Throws: ``RedovisaError`` for a wrong delivery configuration.
    private func administration(_ target: AppDatabase, logger: Logger) throws(RedovisaError) -> Administration {
        let delivery = try DeliveryConfiguration(environment: ProcessInfo.processInfo.environment)
        let deliverer = delivery.deliverer(database: target)
        var administration = Administration(templatesFolder: templatesDir, scriptsFolder: scriptsDir, deliverer: deliverer)
        if reminders ?? !demo {
            var schedulerLogger = logger
            schedulerLogger[metadataKey: "service"] = "reminders"
            administration.scheduler = ReminderScheduler(
                runner: administration.reminderRunner(database: target), deliverer: deliverer,
                interval: .seconds(reminderInterval), logger: schedulerLogger)
        }
        return administration
    }

    /// Seeds the demo into an empty database; a database holding the demo is used as it is, and
    /// one holding other data is refused (the demo login must never meet real data).
    private func seedDemo(into target: AppDatabase) throws(RedovisaError) {
        if try DemoSeed.check(target, reset: false) == .alreadyPresent { return }
        FileHandle.standardOutput.write(Data("Seeding the demo into \(database.resolvedPath) (about a second)…\n".utf8))
        _ = try DemoSeed.install(try DemoSeed.build(), into: target)
    }

    /// Publishes the templates of the templates folder (as `redovisa demo` does), so that the demo's
    /// reports can be opened and new ones started; a version already published is left as it is.
    private func publishTemplates(into target: AppDatabase) {
        let results = TemplatePublisher(database: target).publishAll(in: templatesDir, as: .system(via: "demo"))
        for result in results where result.failed {
            CommandLog.writeToStandardError("warning: template \(result.line)\n")
        }
        if results.isEmpty {
            FileHandle.standardOutput.write(Data("No templates in \(templatesDir): new reports cannot be started.\n".utf8))
        }
    }

    /// What to print once the server listens on `port`.
    private func banner(_ logins: [DemoSeed.Login], oidc: OIDCConfiguration?, reminders: Bool) -> @Sendable (Int) -> String {
        let (host, demo, path, interval, rules) = (host, demo, database.resolvedPath, reminderInterval, scriptsDir + "/reminders")
        return { port in
            Self.banner(host: host, port: port, path: path, demo: demo, logins: logins, oidc: oidc)
                + (reminders ? "\nReminders: the rules of \(rules) run every \(interval) s; the outbox is delivered." : "")
        }
    }

    /// The start lines: the address, the login, and with `--demo` every demo user.
    static func banner(host: String, port: Int, path: String, demo: Bool, logins: [DemoSeed.Login], oidc: OIDCConfiguration?) -> String {
        let shownHost = host == "0.0.0.0" || host == "::" ? "localhost" : host.contains(":") ? "[\(host)]" : host
        let url = "http://\(shownHost):\(port)"
        var lines = ["Redovisa serves \(url) (database \(path)). Stop with Ctrl-C."]
        if let oidc { lines.append("Login with e-legitimation through \(oidc.issuer).") }
        if demo {
            lines.append("")
            lines.append("Demo: open \(url)/logga-in and choose who to be:")
            for login in logins {
                lines.append("  \(login.username.padding(toLength: 22, withPad: " ", startingAt: 0))\(login.displayName) – \(login.note)")
            }
        } else if oidc == nil {
            lines.append("No login is configured: set REDOVISA_OIDC_* (docs/web.md) or use --demo.")
        }
        return lines.joined(separator: "\n")
    }
}
