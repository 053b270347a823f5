import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A fake SMS gateway on loopback for tests: it records each request's headers and body and
/// answers with the status it is told to.
final class FakeSMSGateway: @unchecked Sendable {
    // @unchecked: every mutable field is behind `lock`.
    struct Request: Sendable {
        var path: String
        var authorization: String?
        var body: [String: String]
    }

    private let lock = NSLock()
    private var _requests: [Request] = []
    private var _status: HTTPResponseStatus = .ok
    private var channel: Channel?

    var requests: [Request] { lock.withLock { _requests } }
    var status: HTTPResponseStatus {
        get { lock.withLock { _status } }
        set { lock.withLock { _status = newValue } }
    }
    var url: String { "http://127.0.0.1:\(channel?.localAddress?.port ?? 0)/v1/sms" }

    func record(_ request: Request) { lock.withLock { _requests.append(request) } }

    func start() async throws {
        let gateway = self
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(FakeSMSHandler(gateway: gateway))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async throws {
        try await channel?.close()
    }
}

final class FakeSMSHandler: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: used only on its channel's event loop.
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let gateway: FakeSMSGateway
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(gateway: FakeSMSGateway) {
        self.gateway = gateway
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            let json = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: String] ?? [:]
            gateway.record(.init(path: head?.uri ?? "", authorization: head?.headers.first(name: "Authorization"), body: json))
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: "2")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: gateway.status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "{}")))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
