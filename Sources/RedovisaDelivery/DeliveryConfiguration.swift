import Foundation
import Redovisa

/// Where the outbox sends e-mail and SMS, read from the environment (docs/reminders.md):
/// SMTP when `REDOVISA_SMTP_HOST` is set, the SMS gateway when `REDOVISA_SMS_URL` is set, and
/// otherwise the file sink in `REDOVISA_OUTBOX_DIR` (default `./outbox`). Credentials come only
/// from the environment, never from the command line.
///
/// ```swift
/// let deliverer = try DeliveryConfiguration(environment: ProcessInfo.processInfo.environment).deliverer(database: database)
/// ```
public struct DeliveryConfiguration: Sendable {
    public var smtp: SMTPConfiguration?
    public var sms: SMSGatewayTransport?
    public var outboxFolder: String
    public var publicURL: String?

    /// The configuration in `environment`.
    /// - Throws: ``RedovisaError/Code/invalidInput`` naming the variable that is wrong.
    public init(environment: [String: String]) throws(RedovisaError) {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        outboxFolder = value("REDOVISA_OUTBOX_DIR") ?? "outbox"
        publicURL = value("REDOVISA_PUBLIC_URL")
        if let host = value("REDOVISA_SMTP_HOST") {
            var security = SMTPConfiguration.Security.startTLS
            if let text = value("REDOVISA_SMTP_SECURITY") {
                guard let parsed = SMTPConfiguration.Security(rawValue: text.lowercased()) else {
                    throw RedovisaError(.invalidInput, "ska vara starttls, tls eller none", field: "REDOVISA_SMTP_SECURITY")
                }
                security = parsed
            }
            var port = security == .tls ? 465 : 587
            if let text = value("REDOVISA_SMTP_PORT") {
                guard let parsed = Int(text), (1...65535).contains(parsed) else {
                    throw RedovisaError(.invalidInput, "ska vara ett portnummer 1–65535", field: "REDOVISA_SMTP_PORT")
                }
                port = parsed
            }
            guard let from = value("REDOVISA_SMTP_FROM") else {
                throw RedovisaError(.invalidInput, "saknas: avsändaradressen behövs när REDOVISA_SMTP_HOST är satt", field: "REDOVISA_SMTP_FROM")
            }
            let username = value("REDOVISA_SMTP_USERNAME")
            if username != nil && value("REDOVISA_SMTP_PASSWORD") == nil {
                throw RedovisaError(.invalidInput, "saknas: lösenordet behövs när REDOVISA_SMTP_USERNAME är satt", field: "REDOVISA_SMTP_PASSWORD")
            }
            smtp = SMTPConfiguration(
                host: host, port: port, security: security, username: username, password: value("REDOVISA_SMTP_PASSWORD"),
                from: from, trustRootsFile: value("REDOVISA_SMTP_CA_FILE"))
        }
        if let url = value("REDOVISA_SMS_URL") {
            guard let parsed = URL(string: url), parsed.scheme == "https" || parsed.scheme == "http", parsed.host != nil else {
                throw RedovisaError(.invalidInput, "ska vara en http(s)-adress", field: "REDOVISA_SMS_URL")
            }
            sms = SMSGatewayTransport(url: url, token: value("REDOVISA_SMS_TOKEN"), sender: value("REDOVISA_SMS_FROM"))
        }
    }

    /// The deliverer for `database` with these transports.
    public func deliverer(database: AppDatabase) -> OutboxDeliverer {
        let sink = FileSinkTransport(folder: URL(fileURLWithPath: outboxFolder))
        return OutboxDeliverer(
            database: database, email: smtp.map { SMTPTransport($0) } ?? sink, sms: sms ?? sink, publicURL: publicURL)
    }

    /// One line per channel: where it goes.
    public var summary: [String] {
        [
            "e-post: " + (smtp.map { "smtp \($0.host):\($0.port) (\($0.security.rawValue))" } ?? "filer i \(outboxFolder)/"),
            "sms: " + (sms.map(\.name) ?? "filer i \(outboxFolder)/"),
        ]
    }
}
