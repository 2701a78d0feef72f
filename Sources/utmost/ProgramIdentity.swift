import Foundation

/// This build of utmost, as the dashboard's memory of reports tells builds apart (#17):
/// the version, and the executable's size and modification time, so that a program
/// rebuilt with other rules computes its numbers rather than recalling another's.
enum ProgramIdentity {
    static var current: String {
        let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
        let attributes = (try? FileManager.default.attributesOfItem(atPath: executable)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "utmost \(Version.current) \(executable) \(size) bytes modified \(modified)"
    }
}
