import AsyncHTTPClient
import Foundation
import NIOCore
import Redovisa

/// SMS through an HTTP gateway: one `POST` of JSON per message,
/// `{"to": "+46701234567", "message": "…", "from": "Nacka", "reference": "redovisa-42"}`, with
/// `Authorization: Bearer TOKEN` when a token is configured. A 2xx answer is sent; 400–499
/// (but 408 and 429) fails the message for good; anything else is tried again.
///
/// ```swift
/// let sms = SMSGatewayTransport(url: "https://sms.example.se/v1/send", token: token, sender: "Nacka")
/// ```
public struct SMSGatewayTransport: OutboxTransport {
    public var url: String
    public var token: String?
    public var sender: String?
    public var timeout: TimeInterval

    public init(url: String, token: String? = nil, sender: String? = nil, timeout: TimeInterval = 30) {
        self.url = url
        self.token = token
        self.sender = sender
        self.timeout = timeout
    }

    public var name: String { "sms \(URL(string: url)?.host ?? url)" }

    public func send(_ message: OutboundMessage) async throws(DeliveryFailure) {
        guard let number = Self.international(message.to) else { throw DeliveryFailure("ogiltigt mobilnummer", permanent: true) }
        var payload: [String: String] = ["to": number, "message": message.text, "reference": "redovisa-\(message.id)"]
        if let sender { payload["from"] = sender }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        do {
            let body = try JSONEncoder().encode(payload)
            request.body = .bytes(ByteBuffer(bytes: body))
        } catch {
            throw DeliveryFailure("sms: \(error)", permanent: true)
        }
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(Int64(timeout)))
            status = response.status.code
            _ = try? await response.body.collect(upTo: 64 * 1024)
        } catch {
            throw DeliveryFailure("sms: \(error)")
        }
        guard (200..<300).contains(status) else {
            throw DeliveryFailure("sms: gatewayen svarade \(status)", permanent: (400..<500).contains(status) && status != 408 && status != 429)
        }
    }

    /// A Swedish mobile number in international form: `070-123 45 67` → `+46701234567`; nil
    /// when it is not a phone number.
    static func international(_ text: String) -> String? {
        var digits = text.filter { !" -()".contains($0) }
        if digits.hasPrefix("00") { digits = "+" + digits.dropFirst(2) }
        if digits.hasPrefix("0") { digits = "+46" + digits.dropFirst() }
        guard digits.hasPrefix("+"), digits.count >= 8, digits.count <= 16, digits.dropFirst().allSatisfy(\.isNumber) else { return nil }
        return digits
    }
}
