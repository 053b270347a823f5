import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A fake SMTP server on loopback for tests: it speaks enough of the protocol (EHLO, STARTTLS,
/// AUTH PLAIN, MAIL, RCPT, DATA, QUIT) to receive messages, and records what it got. It can be
/// told to refuse recipients (550) or to answer DATA with a temporary failure (451).
///
/// The certificate below is a self-signed test certificate for `localhost` and 127.0.0.1, made
/// for these tests only (its key protects nothing).
final class FakeSMTPServer: @unchecked Sendable {
    // @unchecked: every mutable field is behind `lock`.
    struct Received: Sendable {
        var mailFrom: String
        var recipients: [String]
        var data: String
        var authenticated: String?
        var overTLS: Bool
    }

    static let certificatePEM = """
-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUaCr8hl+kNotu0ShKyt3c1wKGxCcwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMjE4MzkwMFoYDzIxMjYxMDI5
MTgzOTAwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATXPZmtkCkYhPzghV3bZ3JdPdsqLbBpgjPg5VyQ/ToV+ogByumf51+d
Usy67D/+GoA3e1WqbxSbZa7/wWUPKbUOo28wbTAdBgNVHQ4EFgQU+L7iwdw8t4rz
SZJ0oMrkQt+OibcwHwYDVR0jBBgwFoAU+L7iwdw8t4rzSZJ0oMrkQt+OibcwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIhAOAQ2F/HhCuSkzKbrLlcG1R5NANujkB5ZIf16/5zoU1mAiBo
kbjk6qcu9o5QapJkz4Elk7cUUHFxFOPde9gT9p+20w==
-----END CERTIFICATE-----
"""
    static let keyPEM = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAtzg4U1a7DfU0pAI
h9ZGMf/9t1eQl+yVGTSleZmAEiChRANCAATXPZmtkCkYhPzghV3bZ3JdPdsqLbBp
gjPg5VyQ/ToV+ogByumf51+dUsy67D/+GoA3e1WqbxSbZa7/wWUPKbUO
-----END PRIVATE KEY-----
"""

    private let lock = NSLock()
    private var _received: [Received] = []
    var refuseRecipients = false
    var failData = false
    var offerStartTLS = true
    private var channel: Channel?

    var received: [Received] { lock.withLock { _received } }
    var port: Int { channel?.localAddress?.port ?? 0 }

    func record(_ message: Received) { lock.withLock { _received.append(message) } }

    /// Starts listening on 127.0.0.1 on a free port.
    func start() async throws {
        let tls = try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(Self.certificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(Self.keyPEM.utf8), format: .pem))))
        let server = self
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FakeSMTPHandler(server: server, tls: tls))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async throws {
        try await channel?.close()
    }

    /// The certificate as a file, for `REDOVISA_SMTP_CA_FILE`.
    static func certificateFile() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("redovisa-test-ca-\(UUID().uuidString).pem")
        try Data(certificatePEM.utf8).write(to: url)
        return url.path
    }
}

/// One SMTP conversation of the fake server, line by line.
final class FakeSMTPHandler: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: used only on its channel's event loop.
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let server: FakeSMTPServer
    let tls: NIOSSLContext
    private var pending = ""
    private var inData = false
    private var overTLS = false
    private var current = FakeSMTPServer.Received(mailFrom: "", recipients: [], data: "", authenticated: nil, overTLS: false)

    init(server: FakeSMTPServer, tls: NIOSSLContext) {
        self.server = server
        self.tls = tls
    }

    func channelActive(context: ChannelHandlerContext) {
        reply(context, "220 fake.localhost ESMTP")
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        while let range = pending.range(of: "\r\n") {
            let line = String(pending[..<range.lowerBound])
            pending.removeSubrange(..<range.upperBound)
            handle(line, context)
        }
    }

    private func reply(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }

    private func handle(_ line: String, _ context: ChannelHandlerContext) {
        if inData {
            if line == "." {
                inData = false
                if server.failData {
                    reply(context, "451 4.3.0 try again later")
                } else {
                    current.overTLS = overTLS
                    server.record(current)
                    reply(context, "250 2.0.0 queued")
                }
            } else {
                current.data += (line.hasPrefix("..") ? String(line.dropFirst()) : line) + "\n"
            }
            return
        }
        let upper = line.uppercased()
        if upper.hasPrefix("EHLO") {
            reply(context, "250-fake.localhost")
            if server.offerStartTLS && !overTLS { reply(context, "250-STARTTLS") }
            reply(context, "250 AUTH PLAIN")
        } else if upper == "STARTTLS" {
            reply(context, "220 2.0.0 ready for TLS")
            overTLS = true
            let handler = NIOSSLServerHandler(context: tls)
            try! context.pipeline.syncOperations.addHandler(handler, position: .first)
        } else if upper.hasPrefix("AUTH PLAIN ") {
            let token = String(line.dropFirst("AUTH PLAIN ".count))
            current.authenticated = Data(base64Encoded: token).map { String(decoding: $0, as: UTF8.self) }
            reply(context, "235 2.7.0 ok")
        } else if upper.hasPrefix("MAIL FROM:") {
            current.mailFrom = String(line.dropFirst("MAIL FROM:".count))
            reply(context, "250 ok")
        } else if upper.hasPrefix("RCPT TO:") {
            if server.refuseRecipients {
                reply(context, "550 5.1.1 no such user")
            } else {
                current.recipients.append(String(line.dropFirst("RCPT TO:".count)))
                reply(context, "250 ok")
            }
        } else if upper == "DATA" {
            inData = true
            reply(context, "354 go ahead")
        } else if upper == "QUIT" {
            reply(context, "221 bye")
            context.close(promise: nil)
        } else {
            reply(context, "502 unknown")
        }
    }
}
