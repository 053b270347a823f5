import Foundation

/// A message as it leaves Redovisa through e-mail or SMS: the address, the text with its link
/// made absolute, and the outbox id (so a transport can make a repeated send harmless).
public struct OutboundMessage: Sendable, Hashable {
    public var id: Int64
    public var channel: DeliveryChannel
    /// The e-mail address or the mobile number.
    public var to: String
    public var subject: String
    /// The text, ending with the link.
    public var text: String
    public var rule: String?

    public init(id: Int64, channel: DeliveryChannel, to: String, subject: String, text: String, rule: String? = nil) {
        self.id = id
        self.channel = channel
        self.to = to
        self.subject = subject
        self.text = text
        self.rule = rule
    }
}

/// Why a send failed: the reason (without personal data: no address, no text) and whether
/// trying again could help.
public struct DeliveryFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    /// True when another attempt cannot succeed (a refused address, a bad configuration).
    public var permanent: Bool

    public init(_ reason: String, permanent: Bool = false) {
        self.reason = reason
        self.permanent = permanent
    }

    public var description: String { reason }
}

/// A way out for e-mail or SMS: SMTP, an HTTP gateway, or the file sink.
public protocol OutboxTransport: Sendable {
    /// A short name for listings and logs (`smtp mail.example.se:587`, `fil outbox/`).
    var name: String { get }
    /// Sends one message.
    /// - Throws: ``DeliveryFailure``.
    func send(_ message: OutboundMessage) async throws(DeliveryFailure)
}

/// The default transport: one file per message in a folder (`outbox/000042-epost.txt`), for
/// development and for installations that have no e-mail or SMS yet. Writing a message again
/// replaces its file, so a repeated delivery leaves one file. The files hold personal data
/// (addresses, names): keep the folder as safe as the database.
public struct FileSinkTransport: OutboxTransport {
    public var folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public var name: String { "fil \(folder.path)" }

    public func send(_ message: OutboundMessage) async throws(DeliveryFailure) {
        let name: String = String(format: "%06lld", message.id) + "-" + message.channel.rawValue + ".txt"
        let file = folder.appendingPathComponent(name)
        var text = "Till: \(message.to)\n"
        if message.channel == .email { text += "Ämne: \(message.subject)\n" }
        text += "\n\(message.text)\n"
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .atomic)
        } catch {
            throw DeliveryFailure("kunde inte skriva till \(folder.path): \((error as NSError).localizedDescription)")
        }
    }
}
