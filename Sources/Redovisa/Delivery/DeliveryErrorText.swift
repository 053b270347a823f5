import Foundation

/// A transport's error text as it is kept in the outbox: without the contact details or
/// personnummer it may quote. Mail servers and SMS gateways often repeat the address or number
/// they refused ("550 5.1.1 <anna@example.se>: Recipient address rejected"); the outbox names
/// its recipient by id already, so the text keeps only what helps to mend the fault — the mail
/// domain, the codes and the words.
///
/// ```swift
/// DeliveryErrorText.redacted("550 <anna@example.se> rejected, +46 70 123 45 67")
/// // "550 <…@example.se> rejected, [nummer]"
/// ```
public enum DeliveryErrorText {
    /// `text` with every e-mail address's local part replaced by `…`, and every run of 7 or more
    /// digits (a phone number, a personnummer — with spaces, hyphens, dots or a leading `+` —
    /// written as `[nummer]`), cut to 500 characters.
    public static func redacted(_ text: String) -> String {
        let addresses = text.replacing(/[^\s<>"'(),;:\[\]]+@(?<domain>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)/) { match in
            "…@" + match.output.domain
        }
        let numbers = addresses.replacing(/\+?\d(?:[\s.\-\/]?\d){6,}/) { _ in "[nummer]" }
        return String(numbers.prefix(500))
    }
}
