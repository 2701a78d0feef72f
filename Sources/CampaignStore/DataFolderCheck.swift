/// The first look at a data folder, before any file of it is opened: every
/// data file present must be a regular file (or a symbolic link to one). A
/// FIFO would make the import wait forever, a broken link would be taken for
/// an absent optional file; both are refused as `FILE: not a regular file`.
enum DataFolderCheck {
    static func run(_ folder: String) throws {
        for name in DataFolderFiles.all {
            if case .other(let what) = RegularFile.kind(at: folder + "/" + name) {
                throw DataFileError(file: name, message: RegularFileError.notRegular(path: name, what: what).reason)
            }
        }
    }
}
