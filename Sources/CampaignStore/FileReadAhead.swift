import Foundation

/// A data file read (and its bytes checked, `CSVReader`) on a thread of its own while
/// the caller does other work: validation reads events.csv, by far the largest file,
/// this way while it checks the files before it. What reading threw is thrown by
/// `reader()`, where the caller would have read the file: errors keep their order.
///
/// Sendable by hand: `result` is written by the thread once, then read under `done`.
final class FileReadAhead: @unchecked Sendable {
    private let done = NSCondition()
    private var result: Result<CSVReader, any Error>?

    init(path: String, fileName: String) {
        Thread { [self] in
            let read = Result { try CSVReader(path: path, fileName: fileName) }
            done.lock()
            result = read
            done.broadcast()
            done.unlock()
        }.start()
    }

    /// The file's reader, once read; what reading threw.
    func reader() throws -> CSVReader {
        done.lock()
        defer { done.unlock() }
        while result == nil { done.wait() }
        return try result!.get()
    }
}
