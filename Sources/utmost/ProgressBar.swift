import Foundation
import SafeText

/// A one-line progress bar on stderr, drawn only when stderr is a terminal
/// (so logs and pipes stay clean) and the work has taken a quarter of a second
/// (so quick runs never flash one), redrawn at most ten times a second.
final class ProgressBar {
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var lastPercent = -1
    private var drawn = false
    private var stage = ""
    private var lastStage = ""

    init(label: String, enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.label = TerminalText.line(label)
        self.enabled = enabled
    }

    /// Shows `fraction` (0...1) done.
    func update(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        let now = Date()
        guard now.timeIntervalSince(start) >= 0.25 else { return }
        let due = percent != lastPercent && now.timeIntervalSince(lastDraw) >= 0.1
        guard due || stage != lastStage || (percent == 100 && lastPercent != 100) else { return }
        lastPercent = percent
        lastStage = stage
        lastDraw = now
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let elapsed = now.timeIntervalSince(start)
        let line = "\r\u{1B}[2K\(label) [\(bar)] \(percent)% \(String(format: "%.0f", elapsed))s" + (stage.isEmpty ? "" : " \(stage)")
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Shows `fraction` done with what is being done now, for work in stages.
    func update(_ fraction: Double, stage: String) {
        self.stage = TerminalText.line(stage)
        update(fraction)
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        drawn = false
    }
}
