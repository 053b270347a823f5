import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Redovisa

/// How Redovisa reaches its SMTP server (docs/reminders.md).
public struct SMTPConfiguration: Sendable, Hashable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// Plain first, then `STARTTLS` (required: a server that does not offer it is refused). Port 587.
        case startTLS = "starttls"
        /// TLS from the first byte. Port 465.
        case tls
        /// No TLS at all: only for a relay on the same machine.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The sender, `Redovisa <noreply@nacka.se>` or `noreply@nacka.se`.
    public var from: String
    /// A PEM file of certificates to trust instead of the system's (a private CA).
    public var trustRootsFile: String?
    /// Seconds one message may take, connection included.
    public var timeout: TimeInterval

    public init(
        host: String, port: Int = 587, security: Security = .startTLS, username: String? = nil, password: String? = nil,
        from: String, trustRootsFile: String? = nil, timeout: TimeInterval = 30
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.trustRootsFile = trustRootsFile
        self.timeout = timeout
    }

    /// The address part of ``from``: `noreply@nacka.se`.
    var fromAddress: String {
        if let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close {
            return String(from[from.index(after: open)..<close])
        }
        return from
    }
}

/// E-mail over SMTP with SwiftNIO: one connection per message, `STARTTLS` (or TLS), `AUTH PLAIN`,
/// a UTF-8 text body in base64. A 5xx reply fails the message for good; anything else (a 4xx,
/// a lost connection, a timeout) is tried again later.
///
/// ```swift
/// let smtp = SMTPTransport(SMTPConfiguration(host: "smtp.nacka.se", from: "noreply@nacka.se"))
/// try await smtp.send(message)
/// ```
public struct SMTPTransport: OutboxTransport {
    public var configuration: SMTPConfiguration

    public init(_ configuration: SMTPConfiguration) {
        self.configuration = configuration
    }

    public var name: String { "smtp \(configuration.host):\(configuration.port)" }

    public func send(_ message: OutboundMessage) async throws(DeliveryFailure) {
        guard !message.to.contains("\r"), !message.to.contains("\n"), message.to.contains("@") else {
            throw DeliveryFailure("ogiltig e-postadress", permanent: true)
        }
        do {
            let configuration = configuration
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await SMTPSession(configuration: configuration).deliver(message) }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(configuration.timeout * 1_000_000_000))
                    throw SMTPFailure(reply: nil, text: "ingen färdig leverans inom \(Int(configuration.timeout)) s")
                }
                try await group.next()
                group.cancelAll()
            }
        } catch let failure as SMTPFailure {
            throw DeliveryFailure("smtp: \(failure.text)", permanent: (failure.reply ?? 0) >= 500)
        } catch {
            throw DeliveryFailure("smtp: \(error)")
        }
    }
}

/// A refusal or a broken conversation: the server's reply code (nil when there was none) and
/// what went wrong, without the message's address or text.
struct SMTPFailure: Error {
    var reply: Int?
    var text: String
}

/// One SMTP conversation: connect, greet, secure, authenticate, send one message, quit.
struct SMTPSession {
    let configuration: SMTPConfiguration

    func deliver(_ message: OutboundMessage) async throws {
        let tls = try makeTLSContext()
        let implicit = configuration.security == .tls
        let host = configuration.host
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit, let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            func reply(expecting codes: Set<Int>, after what: String) async throws -> [String] {
                var text: [String] = []
                while true {
                    guard let line = try await lines.next() else {
                        throw SMTPFailure(reply: nil, text: "servern stängde förbindelsen efter \(what)")
                    }
                    text.append(line)
                    let bytes = Array(line.utf8)
                    if bytes.count < 4 || bytes[3] != UInt8(ascii: "-") { break }
                }
                let code = Int(text.last!.prefix(3)) ?? 0
                guard codes.contains(code) else {
                    throw SMTPFailure(reply: code, text: "\(what): \(text.last!.prefix(200))")
                }
                return text
            }
            func command(_ line: String, _ codes: Set<Int>, _ what: String) async throws -> [String] {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                return try await reply(expecting: codes, after: what)
            }
            _ = try await reply(expecting: [220], after: "anslutning")
            var features = try await command("EHLO \(Self.clientName)", [250], "EHLO")
            if configuration.security == .startTLS {
                guard features.contains(where: { $0.uppercased().dropFirst(4).hasPrefix("STARTTLS") }), let tls else {
                    throw SMTPFailure(reply: nil, text: "servern erbjuder inte STARTTLS")
                }
                _ = try await command("STARTTLS", [220], "STARTTLS")
                // The TLS handler goes in front of the line decoder, made on the channel's own loop.
                let underlying = channel.channel
                try await underlying.eventLoop.submit {
                    try underlying.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: tls, serverHostname: host), position: .first)
                }.get()
                features = try await command("EHLO \(Self.clientName)", [250], "EHLO efter STARTTLS")
            }
            if let username = configuration.username {
                let token = Data("\0\(username)\0\(configuration.password ?? "")".utf8).base64EncodedString()
                _ = try await command("AUTH PLAIN \(token)", [235], "AUTH")
            }
            _ = try await command("MAIL FROM:<\(configuration.fromAddress)>", [250], "MAIL FROM")
            _ = try await command("RCPT TO:<\(message.to)>", [250, 251], "RCPT TO")
            _ = try await command("DATA", [354], "DATA")
            _ = try await command(Self.content(of: message, from: configuration), [250], "meddelandet")
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    static let clientName = "redovisa"

    private func makeTLSContext() throws -> NIOSSLContext? {
        guard configuration.security != .none else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let file = configuration.trustRootsFile {
            tls.trustRoots = .file(file)
        }
        return try NIOSSLContext(configuration: tls)
    }

    /// The message as sent after `DATA`, ending with the lone dot: headers (the subject
    /// encoded, so no header can be injected), then the body in base64 (so no line starts with
    /// a dot and no 8-bit support is needed).
    static func content(of message: OutboundMessage, from configuration: SMTPConfiguration) -> String {
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.timeZone = Redovisa.timeZone
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let subject = "=?utf-8?B?" + Data(message.subject.utf8).base64EncodedString() + "?="
        let domain = configuration.fromAddress.split(separator: "@").last.map(String.init) ?? "redovisa"
        let body = Data(message.text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "From: \(configuration.from)", "To: <\(message.to)>", "Subject: \(subject)", "Date: \(date.string(from: Date()))",
            "Message-ID: <redovisa-\(message.id)@\(domain)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64", "Auto-Submitted: auto-generated",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n."
    }
}

/// Splits the server's bytes into lines (CRLF or LF), at most 4 KiB each.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 4096 { throw SMTPFailure(reply: nil, text: "för lång rad från servern") }
            return .needMoreData
        }
        let length = end - buffer.readerIndex
        var line = buffer.readString(length: length) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }
}
