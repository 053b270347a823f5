extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hexadecimal, two digits each (a SHA-256 digest as stored).
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
