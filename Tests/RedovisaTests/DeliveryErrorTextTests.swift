import Redovisa
import Testing

/// What an administrator sees of a transport's error in the outbox.
@Suite("Delivery error text")
struct DeliveryErrorTextTests {
    @Test(
        "addresses keep only their domain, phone numbers and personnummer are left out, the rest is kept",
        arguments: [
            ("550 5.1.1 <anna.svensson+rapport@example.se>: Recipient address rejected",
             "550 5.1.1 <…@example.se>: Recipient address rejected"),
            ("gateway: 400 invalid number +46 70-123 45 67 (try later)", "gateway: 400 invalid number [nummer] (try later)"),
            ("0701234567 unreachable", "[nummer] unreachable"),
            ("person 19121212-1212 unknown, also 201212121212", "person [nummer] unknown, also [nummer]"),
            ("421 4.7.0 try again in 300 seconds", "421 4.7.0 try again in 300 seconds"),
            ("mottagaren har ingen inloggning", "mottagaren har ingen inloggning"),
        ])
    func redacted(raw: String, shown: String) {
        #expect(DeliveryErrorText.redacted(raw) == shown)
    }

    @Test("a long error is cut to 500 characters")
    func cut() {
        #expect(DeliveryErrorText.redacted(String(repeating: "x", count: 600)).count == 500)
    }
}
