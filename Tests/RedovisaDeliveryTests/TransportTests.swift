import Foundation
import Redovisa
import Testing
@testable import RedovisaDelivery

/// E-mail over SMTP and SMS over the HTTP gateway, against fakes on loopback.
@Suite(.serialized)
struct TransportTests {
    let message = OutboundMessage(
        id: 42, channel: .email, to: "karin@example.com", subject: "Påminnelse: månadsrapport för september 2025",
        text: "Hej Karin!\n\n.En rad som börjar med punkt.\n\nhttps://redovisa.example/mina-sidor", rule: "lss-kontaktperson")

    func smtp(_ server: FakeSMTPServer, security: SMTPConfiguration.Security = .startTLS) throws -> SMTPTransport {
        SMTPTransport(SMTPConfiguration(
            host: "localhost", port: server.port, security: security, username: "redovisa", password: "hemligt",
            from: "Redovisa <noreply@example.com>", trustRootsFile: try FakeSMTPServer.certificateFile(), timeout: 10))
    }

    @Test func anEmailGoesOutOverStartTLSWithItsSubjectAndBodyIntact() async throws {
        // Given an SMTP server that offers STARTTLS
        let server = FakeSMTPServer()
        try await server.start()
        defer { Task { try? await server.stop() } }
        // When a message is sent
        try await smtp(server).send(message)
        // Then it arrived over TLS, authenticated, to the address, with the text as written
        let received = try #require(server.received.first)
        #expect(received.overTLS)
        #expect(received.authenticated == "\0redovisa\0hemligt")
        #expect(received.mailFrom == "<noreply@example.com>")
        #expect(received.recipients == ["<karin@example.com>"])
        let (headers, body) = try #require(Self.split(received.data))
        #expect(headers.contains("Subject: =?utf-8?B?\(Data(message.subject.utf8).base64EncodedString())?="))
        #expect(headers.contains("From: Redovisa <noreply@example.com>"))
        #expect(headers.contains("Message-ID: <redovisa-42@example.com>"))
        let text = String(decoding: Data(base64Encoded: body.replacingOccurrences(of: "\n", with: ""))!, as: UTF8.self)
        #expect(text == message.text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func aRefusedRecipientFailsForGoodAndATemporaryErrorIsRetried() async throws {
        let server = FakeSMTPServer()
        try await server.start()
        defer { Task { try? await server.stop() } }
        // Given a server that refuses the address
        server.refuseRecipients = true
        let refused = await #expect(throws: DeliveryFailure.self) { try await smtp(server).send(message) }
        #expect(refused?.permanent == true)
        #expect(refused?.reason.hasPrefix("smtp: RCPT TO: 550") == true)
        #expect(refused?.reason.contains("karin") == false, "no address in the reason")
        // Given one that answers the message with 451
        server.refuseRecipients = false
        server.failData = true
        let later = await #expect(throws: DeliveryFailure.self) { try await smtp(server).send(message) }
        #expect(later?.permanent == false)
        #expect(server.received.isEmpty)
    }

    @Test func aServerWithoutStartTLSIsNotSentToInTheClear() async throws {
        let server = FakeSMTPServer()
        server.offerStartTLS = false
        try await server.start()
        defer { Task { try? await server.stop() } }
        let failure = await #expect(throws: DeliveryFailure.self) { try await smtp(server).send(message) }
        #expect(failure?.reason == "smtp: servern erbjuder inte STARTTLS")
        #expect(server.received.isEmpty)
    }

    @Test func anSMSIsPostedAsJSONToTheGateway() async throws {
        let gateway = FakeSMSGateway()
        try await gateway.start()
        defer { Task { try? await gateway.stop() } }
        let sms = SMSGatewayTransport(url: gateway.url, token: "t0ken", sender: "Nacka", timeout: 10)
        // When an SMS is sent to a Swedish number as people write it
        var text = message
        text.channel = .sms
        text.to = "070-123 45 67"
        try await sms.send(text)
        // Then the gateway got it in international form, with the token
        let request = try #require(gateway.requests.first)
        #expect(request.path == "/v1/sms")
        #expect(request.authorization == "Bearer t0ken")
        #expect(request.body == ["to": "+46701234567", "message": message.text, "from": "Nacka", "reference": "redovisa-42"])
        // And a 400 fails for good, a 503 is tried again
        gateway.status = .badRequest
        await #expect(throws: DeliveryFailure("sms: gatewayen svarade 400", permanent: true)) { try await sms.send(text) }
        gateway.status = .serviceUnavailable
        await #expect(throws: DeliveryFailure("sms: gatewayen svarade 503", permanent: false)) { try await sms.send(text) }
    }

    @Test func theEnvironmentChoosesTheTransportsAndRefusesHalfAConfiguration() throws {
        let none = try DeliveryConfiguration(environment: [:])
        #expect(none.smtp == nil && none.sms == nil && none.outboxFolder == "outbox")
        #expect(none.summary == ["e-post: filer i outbox/", "sms: filer i outbox/"])
        let full = try DeliveryConfiguration(environment: [
            "REDOVISA_SMTP_HOST": "smtp.nacka.se", "REDOVISA_SMTP_FROM": "noreply@nacka.se", "REDOVISA_SMTP_USERNAME": "u",
            "REDOVISA_SMTP_PASSWORD": "p", "REDOVISA_SMS_URL": "https://sms.example.se/send",
        ])
        #expect(full.smtp?.port == 587 && full.smtp?.security == .startTLS && full.smtp?.password == "p")
        #expect(full.summary == ["e-post: smtp smtp.nacka.se:587 (starttls)", "sms: sms sms.example.se"])
        #expect(throws: RedovisaError(.invalidInput, "saknas: avsändaradressen behövs när REDOVISA_SMTP_HOST är satt", field: "REDOVISA_SMTP_FROM")) {
            try DeliveryConfiguration(environment: ["REDOVISA_SMTP_HOST": "smtp.nacka.se"])
        }
        #expect(throws: RedovisaError(.invalidInput, "ska vara starttls, tls eller none", field: "REDOVISA_SMTP_SECURITY")) {
            try DeliveryConfiguration(environment: ["REDOVISA_SMTP_HOST": "h", "REDOVISA_SMTP_FROM": "f", "REDOVISA_SMTP_SECURITY": "ssl"])
        }
    }

    /// The headers and the body of a received message.
    static func split(_ data: String) -> (headers: [String], body: String)? {
        guard let range = data.range(of: "\n\n") else { return nil }
        return (data[..<range.lowerBound].components(separatedBy: "\n"), String(data[range.upperBound...]))
    }
}
