import CampaignKit
import Testing

struct TrimTests {
    @Test("R1 R4 trimming removes Unicode white space and newlines at both ends only")
    func trimming() {
        let cases: [(String, String)] = [
            ("plain", "plain"), ("  padded\t", "padded"), (" a b ", "a b"), ("\u{00A0}nbsp\u{2003}", "nbsp"),
            ("\r\nline\n", "line"), ("", ""), ("   ", ""), ("é ", "é"), (" x", "x"), ("x\u{3000}", "x"), ("a\u{301}", "a\u{301}"),
        ]
        for (input, expected) in cases {
            #expect(input.trimmed == expected, "\(input.debugDescription)")
            #expect(input[...].trimmed == expected, "substring \(input.debugDescription)")
        }
    }
}
